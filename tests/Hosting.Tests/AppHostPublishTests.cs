using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

/// <summary>The real AppHost, run the way azd runs it: <c>dotnet run --project src/AppHost -- --publisher manifest --output-path …</c>.</summary>
public sealed class AppHostPublishTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("aspireagents-apphost-");

    public void Dispose() => _output.Delete(recursive: true);

    private (int ExitCode, string Output, string ManifestPath) PublishAppHost(params (string Name, string Value)[] environment)
    {
        var manifestPath = Path.Combine(_output.FullName, "aspire-manifest.json");
        var configuration = typeof(AppHostPublishTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in new[] { "run", "--project", Repository.PathOf("src/AppHost/AppHost.csproj"), "--no-build", "-c", configuration,
                     "--", "--publisher", "manifest", "--output-path", manifestPath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the AppHost did not publish within 3 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result, manifestPath);
    }

    [Fact]
    public void AppHostPublishesEveryResourceAndEveryModuleCompiles()
    {
        var (exitCode, output, manifestPath) = PublishAppHost();
        Assert.True(exitCode == 0, output);

        var resources = JsonNode.Parse(File.ReadAllText(manifestPath))!["resources"]!.AsObject();
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["logs"] = "azure.bicep.v0",
                ["registry"] = "azure.bicep.v0",
                ["pull-identity"] = "azure.bicep.v0",
                ["aca"] = "azure.bicep.v0",
                ["agents"] = "project.v1",
                ["agents-placeholder"] = "project.v1",
            },
            resources.ToDictionary(r => r.Key, r => (string)r.Value!["type"]!));

        foreach (var (name, entry) in resources)
        {
            var module = DeployedModules.ModuleEntry(entry!.AsObject());
            var result = BicepCompiler.Build(Path.Combine(_output.FullName, (string)module["path"]!));
            Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0, $"{name}: {string.Join('\n', result.Diagnostics)}");
        }

        var job = resources["agents"]!["deployment"]!["params"]!;
        Assert.Equal("{agents.containerImage}", (string?)job["image"]);
        Assert.Equal("aca-agents", (string?)job["poolName"]);
        Assert.Equal("Manual", (string?)resources["agents-placeholder"]!["deployment"]!["params"]!["triggerType"]);
    }

    [Fact]
    public void AppHostSettingsReachTheModules()
    {
        var (exitCode, output, manifestPath) = PublishAppHost(
            ("Agents__Environment__WorkloadProfileType", "D4"),
            ("Agents__Environment__WorkloadProfileMaximumCount", "6"),
            ("Agents__MaxExecutions", "25"),
            ("Agents__UsePersonalAccessToken", "true"));
        Assert.True(exitCode == 0, output);

        var resources = JsonNode.Parse(File.ReadAllText(manifestPath))!["resources"]!;
        Assert.Equal("D4", (string?)resources["aca"]!["params"]!["workloadProfileType"]);
        Assert.Equal(6, (int)resources["aca"]!["params"]!["workloadProfileMaximumCount"]!);
        Assert.Equal("25", (string?)resources["agents"]!["deployment"]!["params"]!["maxExecutions"]);
        Assert.Equal("dedicated", (string?)resources["agents"]!["deployment"]!["params"]!["workloadProfileName"]);
        Assert.Equal("parameter.v0", (string?)resources["azp-pat"]!["type"]);
        Assert.Equal("{azp-pat.value}", (string?)resources["agents"]!["deployment"]!["params"]!["personalAccessToken"]);
    }

    [Fact]
    public void AppHostExitsWithAFailureAndTheFixWhenTheEnvironmentCannotBeDeployed()
    {
        var (exitCode, output, _) = PublishAppHost(("Agents__Environment__Internal", "true"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("is internal but has no infrastructure subnet id", output, StringComparison.Ordinal);
    }
}
