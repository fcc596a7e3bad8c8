using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

public sealed class PlaceholderTests : LifecycleTestBase
{
    [Fact]
    public async Task PlaceholderRegistersAnAgentThatStaysOfflineTakesNoJobAndIsNotRemoved()
    {
        await RegisterPlaceholderAsync();
        await Emulator.QueueRunAsync(durationSeconds: 1);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var agent = Assert.Single(await Emulator.GetAgentsAsync());
        Assert.Equal("placeholder", agent.Name);
        Assert.Equal(TaskAgentStatus.Offline, agent.Status);
        Assert.Null(agent.AssignedRequest);
        var request = Assert.Single(await Emulator.GetUnfinishedJobRequestsAsync());
        Assert.Null(request.Result);
        Assert.Null(request.ReceiveTime);
        Assert.Contains(request.MatchedAgents ?? [], a => a.Name == "placeholder");
    }
}
