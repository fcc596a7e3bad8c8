using System.Diagnostics;
using System.Reflection;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// How to start the agent runner locally: <c>dotnet &lt;runner.dll&gt;</c>, the built output of the job's
/// runner project. Resolved once per job, because asking MSBuild takes seconds and an execution must not.
/// </summary>
internal sealed record RunnerCommand(string FileName, string Arguments)
{
    public static async Task<RunnerCommand> ResolveAsync(ProjectResource runner, CancellationToken cancellationToken)
    {
        if (!runner.TryGetLastAnnotation<IProjectMetadata>(out var project))
        {
            throw new InvalidOperationException($"Runner '{runner.Name}' has no project metadata: add it with AddProject<Projects.X>().");
        }

        var configuration = typeof(RunnerCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "msbuild", project.ProjectPath, "-getProperty:TargetPath", $"-p:Configuration={configuration}", "-nologo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var msbuild = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet msbuild.");
        var output = await msbuild.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await msbuild.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

        var targetPath = output.Trim();
        if (msbuild.ExitCode != 0 || !File.Exists(targetPath))
        {
            throw new InvalidOperationException(
                $"The runner '{project.ProjectPath}' is not built ({configuration}): build the AppHost, which builds it, and start again.");
        }

        return new RunnerCommand("dotnet", $"\"{targetPath}\"");
    }
}
