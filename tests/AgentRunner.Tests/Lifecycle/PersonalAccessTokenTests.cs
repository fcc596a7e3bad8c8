using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

/// <summary>
/// The PAT fallback where no managed identity exists (a laptop against a real organisation, or this emulator):
/// the PAT registers and removes the agent, and the listener runs on the agent's own OAuth credential.
/// </summary>
public sealed class PersonalAccessTokenTests : LifecycleTestBase
{
    [Fact]
    public async Task WithOnlyAPatTheAgentRunsItsJobOnItsOwnCredentialAndIsRemoved()
    {
        await RegisterPlaceholderAsync();
        var run = await Emulator.QueueRunAsync(durationSeconds: 1);
        var environment = EnvironmentFor("agent-pat");
        environment.Remove("IDENTITY_ENDPOINT");
        environment.Remove("IDENTITY_HEADER");
        environment["AZP_TOKEN"] = EmulatorProcess.Pat;

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Equal(TaskResult.Succeeded, Assert.Single(await Emulator.GetJobRequestsAsync()).Result);
        Assert.Equal(RunResult.Succeeded, (await Emulator.GetRunAsync(run.Id)).Result);
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
    }
}
