using System.Diagnostics;
using System.Reflection;

namespace AspireAgents.Hosting.Tests.Infrastructure.Azd;

/// <summary>
/// Runs the real AppHost the way azd produces its manifest (Azure/azure-dev <c>cli/azd/pkg/tools/dotnet/dotnet.go</c>
/// <c>PublishAppHostManifest</c>, l.164–231): <c>dotnet run --project AppHost.csproj --publisher manifest --output-path …</c>
/// from the AppHost's folder, with <c>MSBUILDDISABLENODEREUSE=1</c> and <c>ASPIRE_SUPPRESS_CLI_RUN_HOOK=true</c>, and no
/// <c>--no-launch-profile</c>: the launch profile, and its <c>DOTNET_ENVIRONMENT=Development</c>, apply. The one departure
/// is <c>--no-build</c> (the test project builds the AppHost first).
/// </summary>
internal static class AzdAppHost
{
    /// <summary>Settings every deployable configuration needs: a real organisation and a pinned agent package.</summary>
    public static readonly (string Name, string Value)[] RequiredSettings =
    [
        ("Agents__OrganizationUrl", "https://dev.azure.com/contoso"),
        ("Agents__AgentSha256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
    ];

    public static (int ExitCode, string Output) Publish(string manifestPath, params (string Name, string Value)[] environment)
    {
        var configuration = typeof(AzdAppHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.PathOf("src/AppHost"),
        };
        foreach (var argument in new[] { "run", "--project", "AppHost.csproj", "--no-build", "-c", configuration,
                     "--publisher", "manifest", "--output-path", manifestPath })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["ASPIRE_SUPPRESS_CLI_RUN_HOOK"] = "true";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the AppHost did not publish within 3 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
