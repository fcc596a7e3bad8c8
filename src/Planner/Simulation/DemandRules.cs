namespace AspireAgents.Planner.Simulation;

/// <summary>
/// Which jobs a trigger counts and its agents take. The Scaler's default rule (src/Scaler/Counting/QueueCounter.cs,
/// KEDA's azure-pipelines scaler): a job counts when each of its demands, <c>Agent.Version</c> aside, equals one of the
/// trigger's; a trigger without demands counts every job. The agents here satisfy exactly the trigger's demands.
/// </summary>
internal static class DemandRules
{
    private const string AgentVersionPrefix = "Agent.Version";

    /// <summary>Whether the trigger counts the job.</summary>
    public static bool Counts(IReadOnlyList<string> jobDemands, IReadOnlyList<string> triggerDemands) =>
        triggerDemands.Count == 0 || WithinTrigger(jobDemands, triggerDemands);

    /// <summary>Whether the trigger's agents can run the job.</summary>
    public static bool Satisfies(IReadOnlyList<string> jobDemands, IReadOnlyList<string> triggerDemands) =>
        WithinTrigger(jobDemands, triggerDemands);

    private static bool WithinTrigger(IReadOnlyList<string> jobDemands, IReadOnlyList<string> triggerDemands) =>
        jobDemands.All(demand => demand.StartsWith(AgentVersionPrefix, StringComparison.Ordinal)
                                 || triggerDemands.Contains(demand, StringComparer.Ordinal));
}
