using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Scaler.Tests.Fakes;

/// <summary>Builds job requests shaped like the service's: queued, received (in flight) or finished.</summary>
internal static class Jobs
{
    private static readonly DateTimeOffset s_queued = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static TaskAgentJobRequest Queued(long id, string[]? demands = null, string[]? matchedAgents = null) => new()
    {
        RequestId = id,
        QueueTime = s_queued,
        Demands = demands,
        MatchedAgents = matchedAgents?.Select((name, i) => new TaskAgentReference { Id = i + 1, Name = name }).ToArray(),
        PoolId = 1,
        PlanType = "Build",
    };

    public static TaskAgentJobRequest InFlight(long id, string[]? demands = null, string[]? matchedAgents = null) =>
        Queued(id, demands, matchedAgents) with { AssignTime = s_queued.AddSeconds(1), ReceiveTime = s_queued.AddSeconds(2), ReservedAgent = new TaskAgentReference { Id = 99, Name = "agent-99" } };

    public static TaskAgentJobRequest Finished(long id, TaskResult result = TaskResult.Succeeded, string[]? demands = null, string[]? matchedAgents = null) =>
        InFlight(id, demands, matchedAgents) with { FinishTime = s_queued.AddMinutes(5), Result = result };

    /// <summary>The demand Azure Pipelines adds to every job.</summary>
    public const string AgentVersion = "Agent.Version -gtVersion 3.220.0";
}
