using AspireAgents.AgentRunner.Maintenance;
using AspireAgents.AzureDevOps.Wire;
using static AspireAgents.AgentRunner.Tests.Maintenance.Agents;

namespace AspireAgents.AgentRunner.Tests.Maintenance;

public sealed class PlaceholderCheckTests
{
    private static readonly TaskAgent Reference = Agent("agents-k3v9x2a-q2w7x", status: TaskAgentStatus.Online);

    [Fact]
    public void AMissingPlaceholderIsRegistered()
    {
        var (state, _) = PlaceholderCheck.Judge(null, Reference);

        Assert.Equal(PlaceholderState.Missing, state);
        Assert.True(PlaceholderCheck.NeedsRegistration(state));
    }

    [Fact]
    public void APlaceholderAdvertisingWhatTheJobsAgentsAdvertiseIsHealthyWhateverTheirPerReplicaValues()
    {
        // The same names; per-replica values (name, host, replica) differ, as they always do.
        var (state, detail) = PlaceholderCheck.Judge(Agent("placeholder"), Reference);

        Assert.Equal(PlaceholderState.Healthy, state);
        Assert.Contains(Reference.Name, detail, StringComparison.Ordinal);
        Assert.False(PlaceholderCheck.NeedsRegistration(state));
    }

    [Fact]
    public void APlaceholderLackingACapabilityOfTheJobsAgentsIsStale()
    {
        var capabilities = Capabilities("placeholder");
        capabilities.Remove("git");

        var (state, detail) = PlaceholderCheck.Judge(Agent("placeholder", capabilities: capabilities), Reference);

        Assert.Equal(PlaceholderState.Stale, state);
        Assert.Equal("lacks git", detail);
        Assert.True(PlaceholderCheck.NeedsRegistration(state));
    }

    [Fact]
    public void APlaceholderOfAnotherAgentVersionIsStale()
    {
        var (state, detail) = PlaceholderCheck.Judge(Agent("placeholder", capabilities: Capabilities("placeholder", version: "4.250.0")), Reference);

        Assert.Equal(PlaceholderState.Stale, state);
        Assert.Contains("Agent.Version 4.250.0 where 'agents-k3v9x2a-q2w7x' has 4.260.0", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void VariablesThatDifferBetweenExecutionsAreNotCompared()
    {
        var reference = Agent("agents-k3v9x2a-q2w7x", capabilities: new Dictionary<string, string>(Capabilities("agents-k3v9x2a-q2w7x"))
        {
            ["TRACEPARENT"] = "00-…",
            ["OTEL_SERVICE_NAME"] = "agents",
            ["CONTAINER_APP_JOB_EXECUTION_NAME"] = "agents-k3v9x2a",
            ["AZP_WORK"] = "/azp/_work",
        });
        var capabilities = Capabilities("placeholder");
        capabilities.Remove("HOSTNAME");
        capabilities.Remove("CONTAINER_APP_REPLICA_NAME");
        capabilities.Remove("AZP_POOL");

        Assert.Equal(PlaceholderState.Healthy, PlaceholderCheck.Judge(Agent("placeholder", capabilities: capabilities), reference).State);
    }

    [Fact]
    public void AUserCapabilityCountsAsTheAgentAdvertisingIt()
    {
        var reference = Agent("agents-k3v9x2a-q2w7x") with { UserCapabilities = new Dictionary<string, string> { ["gpu"] = "1" } };
        var placeholder = Agent("placeholder") with { UserCapabilities = new Dictionary<string, string> { ["gpu"] = "1" } };

        Assert.Equal(PlaceholderState.Healthy, PlaceholderCheck.Judge(placeholder, reference).State);
        Assert.Equal(PlaceholderState.Stale, PlaceholderCheck.Judge(Agent("placeholder"), reference).State);
    }

    [Fact]
    public void APlaceholderWithoutAgentOsOrVersionIsIncompleteEvenWithNothingToCompare()
    {
        var (state, detail) = PlaceholderCheck.Judge(Agent("placeholder", capabilities: new Dictionary<string, string>()), reference: null);

        Assert.Equal(PlaceholderState.Incomplete, state);
        Assert.Equal("lacks Agent.OS, Agent.Version", detail);
        Assert.True(PlaceholderCheck.NeedsRegistration(state));
    }

    [Fact]
    public void WithNoAgentOfTheJobToCompareARegisteredOfflinePlaceholderIsHealthy() =>
        Assert.Equal(PlaceholderState.Healthy, PlaceholderCheck.Judge(Agent("placeholder"), reference: null).State);

    [Fact]
    public void AnOnlinePlaceholderWithoutAJobIsTakenBackButOneRunningAJobIsLeftAlone()
    {
        var online = PlaceholderCheck.Judge(Agent("placeholder", status: TaskAgentStatus.Online), Reference).State;
        var busy = PlaceholderCheck.Judge(Agent("placeholder", status: TaskAgentStatus.Online, busy: true), Reference).State;

        Assert.Equal((PlaceholderState.Online, PlaceholderState.Busy), (online, busy));
        Assert.True(PlaceholderCheck.NeedsRegistration(online));
        Assert.False(PlaceholderCheck.NeedsRegistration(busy));
    }
}
