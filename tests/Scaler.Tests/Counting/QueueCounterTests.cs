using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Counting;
using AspireAgents.Scaler.Tests.Fakes;

namespace AspireAgents.Scaler.Tests.Counting;

/// <summary>Every counting rule of KEDA's azure-pipelines scaler, including the cases users reported.</summary>
public class QueueCounterTests
{
    private static CountingRules Rules(string? parent = null, string? demands = null, DemandMatching matching = DemandMatching.JobDemandsWithinTrigger, bool caseInsensitive = false, bool scaleOnInFlight = true) =>
        CountingRules.Create(parent, demands, matching, caseInsensitive, scaleOnInFlight);

    [Fact]
    public void FinishedJobsNeverCount()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Finished(1), Jobs.Finished(2, TaskResult.Failed), Jobs.Finished(3, TaskResult.Abandoned), Jobs.Queued(4)];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules()));
        Assert.Equal(1, QueueCounter.Count(jobs, Rules(scaleOnInFlight: false)));
    }

    [Fact]
    public void InFlightJobsCountByDefaultAsInKeda221()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1), Jobs.InFlight(2), Jobs.InFlight(3)];

        Assert.Equal(3, QueueCounter.Count(jobs, Rules()));
    }

    [Fact]
    public void InFlightJobsDoNotCountWithScaleOnInFlightOff()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1), Jobs.InFlight(2), Jobs.InFlight(3)];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(scaleOnInFlight: false)));
    }

    [Fact]
    public void AZeroReceiveTimeMeansNotReceived()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1) with { ReceiveTime = DateTimeOffset.MinValue }];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(scaleOnInFlight: false)));
    }

    [Fact]
    public void WithoutParentOrDemandsEveryLiveJobCounts()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, ["docker"]), Jobs.Queued(2), Jobs.Queued(3, [Jobs.AgentVersion, "java"])];

        Assert.Equal(3, QueueCounter.Count(jobs, Rules()));
    }

    [Fact]
    public void WithParentOnlyJobsMatchedToThatAgentCount()
    {
        TaskAgentJobRequest[] jobs =
        [
            Jobs.Queued(1, matchedAgents: ["linux-template", "agent-1"]),
            Jobs.Queued(2, matchedAgents: ["windows-template"]),
            Jobs.Queued(3, matchedAgents: ["Linux-Template"]),
        ];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(parent: "linux-template")));
    }

    [Fact]
    public void WithParentAJobWithoutMatchedAgentsDoesNotCount()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1), Jobs.Queued(2, matchedAgents: [])];

        Assert.Equal(0, QueueCounter.Count(jobs, Rules(parent: "linux-template")));
    }

    [Fact]
    public void WithParentDemandsAreIgnored()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, ["gpu"], ["linux-template"])];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(parent: "linux-template", demands: "docker")));
    }

    [Fact]
    public void WithParentFinishedAndInFlightRulesStillApply()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Finished(1, matchedAgents: ["linux-template"]), Jobs.InFlight(2, matchedAgents: ["linux-template"])];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(parent: "linux-template")));
        Assert.Equal(0, QueueCounter.Count(jobs, Rules(parent: "linux-template", scaleOnInFlight: false)));
    }

    [Fact]
    public void ByDefaultAJobCountsWhenAllItsDemandsAreAmongTheTriggers()
    {
        TaskAgentJobRequest[] jobs =
        [
            Jobs.Queued(1, ["docker", Jobs.AgentVersion]),
            Jobs.Queued(2, ["docker", "java", Jobs.AgentVersion]),
            Jobs.Queued(3, ["gpu", Jobs.AgentVersion]),
        ];

        Assert.Equal(2, QueueCounter.Count(jobs, Rules(demands: "docker,java,maven")));
    }

    [Fact]
    public void ByDefaultADemandlessJobMatchesEveryTriggerWithDemands()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1), Jobs.Queued(2, [])];

        Assert.Equal(2, QueueCounter.Count(jobs, Rules(demands: "gpu")));
    }

    [Fact]
    public void AgentVersionDemandsAreIgnoredOnTheJob()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, [Jobs.AgentVersion]), Jobs.Queued(2, ["Agent.Version -gtVersion 2.182.1", "docker"])];

        Assert.Equal(2, QueueCounter.Count(jobs, Rules(demands: "docker")));
        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker", matching: DemandMatching.SameDemands)));
    }

    [Fact]
    public void AgentVersionDemandsAreIgnoredOnTheTrigger()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, ["docker", Jobs.AgentVersion])];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker,Agent.Version -gtVersion 3.0.0", matching: DemandMatching.SameDemands)));
    }

    [Fact]
    public void RequireAllDemandsNeedsTheSameSetOnBothSides()
    {
        TaskAgentJobRequest[] jobs =
        [
            Jobs.Queued(1, ["docker", "java", Jobs.AgentVersion]),
            Jobs.Queued(2, ["docker", Jobs.AgentVersion]),
            Jobs.Queued(3, ["docker", "java", "gpu"]),
            Jobs.Queued(4, [Jobs.AgentVersion]),
        ];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker,java", matching: DemandMatching.SameDemands)));
    }

    [Fact]
    public void RequireAllDemandsAndIgnoreOthersAllowsExtraJobDemands()
    {
        TaskAgentJobRequest[] jobs =
        [
            Jobs.Queued(1, ["docker", "java", "gpu"]),
            Jobs.Queued(2, ["docker"]),
            Jobs.Queued(3),
        ];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker,java", matching: DemandMatching.TriggerDemandsWithinJob)));
    }

    [Fact]
    public void DemandsAreCaseSensitiveUnlessAskedOtherwise()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, ["Docker"])];

        Assert.Equal(0, QueueCounter.Count(jobs, Rules(demands: "docker")));
        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker", caseInsensitive: true)));
    }

    [Fact]
    public void DemandsCompareAsWholeStrings()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, ["java -equals /usr/bin/java"])];

        Assert.Equal(0, QueueCounter.Count(jobs, Rules(demands: "java")));
        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "java -equals /usr/bin/java")));
    }

    [Fact]
    public void TriggerDemandsAreSplitOnCommasWithoutTrimming()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, ["git"])];

        Assert.Equal(0, QueueCounter.Count(jobs, Rules(demands: "docker, git")));
        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker,git")));
    }

    [Fact]
    public void ATriggerWithOnlyAnAgentVersionDemandTakesOnlyJobsWithoutOtherDemands()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Queued(1, [Jobs.AgentVersion]), Jobs.Queued(2, ["docker"])];

        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "Agent.Version -gtVersion 3.0.0")));
    }

    [Fact]
    public void DeadJobsAreStrippedBeforeDemandsAreCompared()
    {
        TaskAgentJobRequest[] jobs = [Jobs.Finished(1, demands: ["docker"]), Jobs.InFlight(2, ["docker"]), Jobs.Queued(3, ["docker"])];

        Assert.Equal(2, QueueCounter.Count(jobs, Rules(demands: "docker")));
        Assert.Equal(1, QueueCounter.Count(jobs, Rules(demands: "docker", scaleOnInFlight: false)));
    }
}
