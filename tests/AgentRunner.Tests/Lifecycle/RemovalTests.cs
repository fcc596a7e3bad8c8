using System.Diagnostics;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

public sealed class FreshRemovalTokenTests : LifecycleTestBase
{
    // Managed-identity tokens live 5 s; the job runs 10 s: a token kept from registration is dead at removal.
    protected override IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string> { ["TokenLifetime"] = "00:00:05" };

    [Fact]
    public async Task RemovalUsesATokenFetchedAfterTheJobWhenTheJobOutlivesTheFirstToken()
    {
        await RegisterPlaceholderAsync();
        await Emulator.QueueRunAsync(durationSeconds: 10);
        var environment = EnvironmentFor("agent-fresh-token");
        environment["AgentRunner__RemovalTimeout"] = "00:00:10";

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Equal(TaskResult.Succeeded, Assert.Single(await Emulator.GetJobRequestsAsync()).Result);
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
    }
}

public sealed class BusyRemovalTests : LifecycleTestBase
{
    // A lost agent's job is abandoned once its lock runs out (10 s, longer than the 5 s the runner gives the
    // lost listener's leftover processes); until then the agent counts as busy.
    protected override IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string> { ["JobLockDuration"] = "00:00:10" };

    [Fact]
    public async Task RemovalIsRetriedWhileTheAgentIsBusyUntilItSucceeds()
    {
        await RegisterPlaceholderAsync();
        await Emulator.QueueRunAsync(durationSeconds: 122);
        var environment = EnvironmentFor("agent-busy");
        await using var runner = RunnerProcess.Start(environment);
        await runner.WaitForLineAsync("Starting: ", TimeSpan.FromSeconds(60));

        // The listener dies without finishing its job: the service still sees the agent running it.
        KillListener(environment["AZP_AGENT_DIR"]);
        var exitCode = await runner.WaitForExitAsync(RunnerTimeout);

        Assert.True(exitCode == (int)RunnerExitCode.AgentFailed, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains("Removal attempt 1 failed", StringComparison.Ordinal));
        Assert.Contains(runner.Lines, l => l.Contains("Agent 'agent-busy' removed", StringComparison.Ordinal));
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
        Assert.Equal(TaskResult.Abandoned, Assert.Single(await Emulator.GetJobRequestsAsync()).Result);
        Assert.False(ShutdownTests.ProcessesRunning("sleep 122"), "The lost listener's step outlived the runner.");
    }

    private static void KillListener(string agentDirectory)
    {
        var listener = Path.Combine(agentDirectory, "bin", "Agent.Listener.dll");
        var killed = 0;
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains(listener, StringComparison.Ordinal) && commandLine.Contains(" run", StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-KILL", Path.GetFileName(directory)]);
                kill.WaitForExit();
                killed++;
            }
        }

        Assert.True(killed > 0, $"No listener of {agentDirectory} was running.");
    }
}
