using System.Diagnostics;
using AspireAgents.AzureDevOps.Wire;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

/// <summary>AZP_IDLE_TIMEOUT_SECONDS: an agent that gets no job is stopped, removed, and the runner exits 0; one that gets a job keeps it.</summary>
public sealed class IdleTimeoutTests : LifecycleTestBase
{
    [Fact]
    public async Task AnAgentWithoutAJobIsStoppedAfterTheIdleTimeoutRemovedAndExitsZero()
    {
        await RegisterPlaceholderAsync();
        var environment = EnvironmentFor("agent-idle");
        environment["AZP_IDLE_TIMEOUT_SECONDS"] = "3";

        var stopwatch = Stopwatch.StartNew();
        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains("No job within the idle timeout of 3 s", StringComparison.Ordinal));
        Assert.Contains(runner.Lines, l => l.Contains("Agent 'agent-idle' removed", StringComparison.Ordinal));
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
        Assert.Empty(await Emulator.GetJobRequestsAsync());

        // Registration, 3 s idle, stop and removal: well under the 90 s the runner is given, even on a loaded machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"Took {stopwatch.Elapsed}.{Environment.NewLine}{runner.Output}");
    }

    [Fact]
    public async Task AJobThatRunsPastTheIdleTimeoutIsNotCutShort()
    {
        await RegisterPlaceholderAsync();
        var run = await Emulator.QueueRunAsync(durationSeconds: 8);
        var environment = EnvironmentFor("agent-busy");
        environment["AZP_IDLE_TIMEOUT_SECONDS"] = "2";

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.DoesNotContain(runner.Lines, l => l.Contains("idle timeout", StringComparison.Ordinal));
        Assert.Equal(TaskResult.Succeeded, Assert.Single(await Emulator.GetJobRequestsAsync()).Result);
        Assert.Equal(RunResult.Succeeded, (await Emulator.GetRunAsync(run.Id)).Result);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void AnIdleTimeoutThatIsNotAPositiveWholeNumberIsRefused(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AZP_URL"] = "https://dev.azure.com/contoso",
            ["AZP_IDLE_TIMEOUT_SECONDS"] = value,
        }).Build();

        var error = Assert.Single(Assert.Throws<RunnerSettingsException>(() => RunnerSettings.Load(configuration, "host")).Errors);
        Assert.StartsWith($"AZP_IDLE_TIMEOUT_SECONDS '{value}'", error, StringComparison.Ordinal);
    }
}
