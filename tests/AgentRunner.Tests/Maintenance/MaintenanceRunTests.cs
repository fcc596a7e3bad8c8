using AspireAgents.AgentRunner.Tests.Lifecycle;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Maintenance;

/// <summary>
/// One maintenance run as the scheduled job runs it, against the emulator, after executions were killed: their agents
/// stay registered and go offline once their listener stops polling, as on the service.
/// </summary>
public sealed class MaintenanceRunTests : LifecycleTestBase
{
    // A killed listener's agent is offline 2 s after its last poll (the service's delay is not documented).
    protected override IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string> { ["SessionIdleTimeout"] = "00:00:02" };

    [Fact]
    public async Task OneRunRemovesExactlyTheDeadAgentsOfTheJobAndRegistersTheDeletedPlaceholderAgain()
    {
        await RegisterPlaceholderAsync();
        // Executions killed after registering (out of memory, the timeout's kill): two of this job, one of another.
        await RegisterThenKillAsync("agents-dead001-aaaaa");
        await RegisterThenKillAsync("agents-dead002-bbbbb");
        await RegisterThenKillAsync("other-dead003-ccccc");
        // A live execution, waiting for a job.
        await using var live = RunnerProcess.Start(EnvironmentFor("agents-live004-ddddd"));
        await live.WaitForLineAsync("Listening for Jobs", RunnerTimeout);
        // And an administrator deleted the placeholder.
        await Emulator.DeleteAgentAsync((await Emulator.GetAgentsAsync()).Single(a => a.Name == "placeholder").Id);
        await WaitUntilOfflineAsync("agents-dead001-aaaaa", "agents-dead002-bbbbb", "other-dead003-ccccc");

        var (exitCode, run) = await RunAsync(MaintenanceEnvironment());
        await using var _ = run;

        Assert.True(exitCode == 0, run.Output);
        var agents = (await Emulator.GetAgentsAsync(includeCapabilities: true)).ToDictionary(a => a.Name);
        Assert.Equal(["agents-live004-ddddd", "other-dead003-ccccc", "placeholder"], agents.Keys.Order());
        Assert.Equal(TaskAgentStatus.Online, agents["agents-live004-ddddd"].Status);
        var placeholder = agents["placeholder"];
        Assert.Equal(TaskAgentStatus.Offline, placeholder.Status);
        Assert.Equal(agents["agents-live004-ddddd"].SystemCapabilities!["Agent.Version"], placeholder.SystemCapabilities!["Agent.Version"]);
        Assert.Contains(run.Lines, l => l.Contains("Placeholder 'placeholder': Missing", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("Removed agent 'agents-dead001-aaaaa'", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("Removed agent 'agents-dead002-bbbbb'", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("Kept agent 'agents-live004-ddddd'", StringComparison.Ordinal) && l.Contains("NotOffline", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("Maintenance done: 2 removed, 2 kept, placeholder Missing, registered again", StringComparison.Ordinal));

        // The next run finds nothing to do: the placeholder advertises what the live agent advertises.
        var (again, second) = await RunAsync(MaintenanceEnvironment());
        await using var __ = second;
        Assert.True(again == 0, second.Output);
        Assert.Contains(second.Lines, l => l.Contains("Maintenance done: 0 removed, 3 kept, placeholder Healthy", StringComparison.Ordinal));
    }

    private Dictionary<string, string> MaintenanceEnvironment()
    {
        var environment = EnvironmentFor("placeholder");
        // Each run is a new replica with a disk of its own.
        environment["AZP_AGENT_DIR"] = Directory.Combine("maintenance", Guid.NewGuid().ToString("N"), "agent");
        environment["AZP_PLACEHOLDER"] = "1";
        environment["AZP_MAINTENANCE"] = "true";
        environment["AZP_MAINTENANCE_AGENT_PATTERN"] = "agents-[a-z0-9]+-[a-z0-9]+";
        environment["AZP_MAINTENANCE_GRACE_SECONDS"] = "0";
        return environment;
    }

    /// <summary>Starts an execution, waits until its agent listens, and kills it with its whole process tree.</summary>
    private async Task RegisterThenKillAsync(string agentName)
    {
        await using var runner = RunnerProcess.Start(EnvironmentFor(agentName));
        await runner.WaitForLineAsync("Listening for Jobs", RunnerTimeout);
    }

    private async Task WaitUntilOfflineAsync(params string[] names)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await Emulator.GetAgentsAsync()).Any(a => names.Contains(a.Name) && a.Status != TaskAgentStatus.Offline))
        {
            Assert.True(DateTime.UtcNow < deadline, "The killed agents did not go offline.");
            await Task.Delay(200);
        }
    }
}
