using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

public sealed class HappyPathTests : LifecycleTestBase
{
    [Fact]
    public async Task RunnerTakesTheQueuedJobRunsItToSuccessRemovesTheAgentAndExitsZero()
    {
        await RegisterPlaceholderAsync();
        var run = await Emulator.QueueRunAsync(durationSeconds: 1);

        var (exitCode, runner) = await RunAsync(EnvironmentFor("agent-happy"));
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        var request = Assert.Single(await Emulator.GetJobRequestsAsync());
        Assert.Equal(TaskResult.Succeeded, request.Result);
        Assert.Equal("agent-happy", request.ReservedAgent?.Name);
        Assert.Equal(RunResult.Succeeded, (await Emulator.GetRunAsync(run.Id)).Result);
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
        Assert.Contains(runner.Lines, l => l.Contains("Agent 'agent-happy' removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunnerUsesAPreInstalledAgentWithoutDownloadingOne()
    {
        await RegisterPlaceholderAsync();
        var installed = Directory.Combine("agents", "placeholder");
        await Emulator.QueueRunAsync(durationSeconds: 1);
        var environment = EnvironmentFor("agent-preinstalled");
        var preinstalled = Directory.Combine("image-agent");
        CopyDirectory(installed, preinstalled, skipHidden: true);
        environment["AZP_AGENT_DIR"] = preinstalled;

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains($"Using the agent installed in {preinstalled}", StringComparison.Ordinal));
        Assert.DoesNotContain(runner.Lines, l => l.Contains("Installing agent", StringComparison.Ordinal));
    }

    private static void CopyDirectory(string source, string target, bool skipHidden)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (skipHidden && (relative.StartsWith('.') || relative.StartsWith("_work", StringComparison.Ordinal)))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
        }
    }
}
