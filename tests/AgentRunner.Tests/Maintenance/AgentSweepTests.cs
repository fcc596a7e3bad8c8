using System.Text.RegularExpressions;
using AspireAgents.AgentRunner.Maintenance;
using AspireAgents.AzureDevOps.Wire;
using static AspireAgents.AgentRunner.Tests.Maintenance.Agents;

namespace AspireAgents.AgentRunner.Tests.Maintenance;

public sealed class AgentSweepTests
{
    private static readonly MaintenanceSettings Settings = new()
    {
        AgentNamePattern = new Regex("^(?:agents-[a-z0-9]+-[a-z0-9]+)$", RegexOptions.IgnoreCase),
        GracePeriod = TimeSpan.FromMinutes(30),
    };

    private static AgentVerdict Judge(TaskAgent agent) =>
        Assert.Single(AgentSweep.Judge([agent], Settings, "placeholder", Now, placeholderPresent: true));

    [Fact]
    public void AnOfflineAgentOfTheJobWithoutAJobOlderThanTheGracePeriodIsRemoved()
    {
        var verdict = Judge(Agent("agents-k3v9x2a-q2w7x", minutesAgo: 31));

        Assert.Equal((true, AgentVerdictReason.Dead), (verdict.Remove, verdict.Reason));
    }

    [Theory]
    [InlineData("placeholder", nameof(AgentVerdictReason.Placeholder))]
    [InlineData("PLACEHOLDER", nameof(AgentVerdictReason.Placeholder))]
    [InlineData("agents-gpu-k3v9x2a-q2w7x", nameof(AgentVerdictReason.NotThisJob))] // a sibling job whose name extends this one's
    [InlineData("agents-k3v9x2a", nameof(AgentVerdictReason.NotThisJob))]
    [InlineData("build-server-1", nameof(AgentVerdictReason.NotThisJob))]
    [InlineData("xagents-k3v9x2a-q2w7x", nameof(AgentVerdictReason.NotThisJob))] // matched against the whole name
    public void AgentsNotOfTheJobAreKeptWhateverTheirState(string name, string reason)
    {
        var verdict = Judge(Agent(name, minutesAgo: 600));

        Assert.Equal((false, Enum.Parse<AgentVerdictReason>(reason)), (verdict.Remove, verdict.Reason));
    }

    [Fact]
    public void AnAgentHoldingAJobIsKeptEvenOffline() =>
        Assert.Equal(AgentVerdictReason.HoldsJob, Judge(Agent("agents-k3v9x2a-q2w7x", minutesAgo: 600, busy: true)).Reason);

    [Theory]
    [InlineData(TaskAgentStatus.Online)]
    [InlineData(TaskAgentStatus.Unknown)]
    public void AnAgentNotKnownToBeOfflineIsKept(TaskAgentStatus status) =>
        Assert.Equal(AgentVerdictReason.NotOffline, Judge(Agent("agents-k3v9x2a-q2w7x", minutesAgo: 600, status: status)).Reason);

    [Fact]
    public void AnAgentRegisteredWithinTheGracePeriodIsKept() =>
        Assert.Equal(AgentVerdictReason.WithinGracePeriod, Judge(Agent("agents-k3v9x2a-q2w7x", minutesAgo: 29.9)).Reason);

    [Fact]
    public void AnAgentWithoutARegistrationTimeIsKept() =>
        Assert.Equal(AgentVerdictReason.AgeUnknown, Judge(Agent("agents-k3v9x2a-q2w7x") with { CreatedOn = null }).Reason);

    [Fact]
    public void AnAgentTheServiceListedWithoutANameIsNotTheJobs() =>
        Assert.Equal(AgentVerdictReason.NotThisJob, Judge(Agent("x") with { Name = null! }).Reason);

    [Fact]
    public void WithoutThePlaceholderTheNewestDeadAgentKeepsThePoolOpen()
    {
        TaskAgent[] agents = [Agent("agents-aaaaaaa-11111", minutesAgo: 90), Agent("agents-bbbbbbb-22222", minutesAgo: 40), Agent("agents-ccccccc-33333", minutesAgo: 60)];

        var verdicts = AgentSweep.Judge(agents, Settings, "placeholder", Now, placeholderPresent: false);

        Assert.Equal(["agents-aaaaaaa-11111", "agents-ccccccc-33333"], verdicts.Where(v => v.Remove).Select(v => v.Agent.Name));
        var kept = Assert.Single(verdicts, v => !v.Remove);
        Assert.Equal(("agents-bbbbbbb-22222", AgentVerdictReason.KeepsPoolOpen), (kept.Agent.Name, kept.Reason));
    }

    [Fact]
    public void WithoutThePlaceholderEveryDeadAgentGoesWhenAnotherAgentKeepsThePoolOpen()
    {
        TaskAgent[] agents = [Agent("agents-aaaaaaa-11111"), Agent("agents-bbbbbbb-22222", status: TaskAgentStatus.Online)];

        var verdicts = AgentSweep.Judge(agents, Settings, "placeholder", Now, placeholderPresent: false);

        Assert.Equal([true, false], verdicts.Select(v => v.Remove));
    }

    [Fact]
    public void AMixedPoolLosesExactlyItsDeadAgents()
    {
        TaskAgent[] agents =
        [
            Agent("placeholder", minutesAgo: 6000),
            Agent("agents-dead001-aaaaa", minutesAgo: 45),
            Agent("agents-busy001-bbbbb", minutesAgo: 45, busy: true),
            Agent("agents-live001-ccccc", minutesAgo: 45, status: TaskAgentStatus.Online),
            Agent("agents-newb001-ddddd", minutesAgo: 2),
            Agent("other-dead001-eeeee", minutesAgo: 45),
            Agent("agents-dead002-fffff", minutesAgo: 300),
        ];

        var verdicts = AgentSweep.Judge(agents, Settings, "placeholder", Now, placeholderPresent: true);

        Assert.Equal(["agents-dead001-aaaaa", "agents-dead002-fffff"], verdicts.Where(v => v.Remove).Select(v => v.Agent.Name));
        Assert.Equal(agents.Select(a => a.Name), verdicts.Select(v => v.Agent.Name));
    }
}
