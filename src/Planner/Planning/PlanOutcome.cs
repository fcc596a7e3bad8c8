using AspireAgents.Planner.Simulation;

namespace AspireAgents.Planner.Planning;

/// <summary>One setting of the grid and what its replays gave, averaged over the replications.</summary>
/// <param name="Settings">The setting (the first replication's polling phase).</param>
/// <param name="WaitP50">Job wait p50, seconds, mean over replications.</param>
/// <param name="WaitP95">Job wait p95, seconds, mean over replications.</param>
/// <param name="Executions">Executions started, mean.</param>
/// <param name="ExecutionsWithoutJob">Executions that ended without a job, mean.</param>
/// <param name="AgentMinutes">Execution lifetimes summed, minutes, mean.</param>
/// <param name="Cost">Dollars for <see cref="AgentMinutes"/>.</param>
/// <param name="JobsServed">Jobs the setting's agents ran.</param>
/// <param name="JobsElsewhere">Jobs whose demands its agents do not satisfy.</param>
public sealed record PlanOutcome(
    SimulationSettings Settings,
    double WaitP50,
    double WaitP95,
    double Executions,
    double ExecutionsWithoutJob,
    double AgentMinutes,
    double Cost,
    int JobsServed,
    int JobsElsewhere)
{
    /// <summary>The setting in the grid's words, e.g. <c>polling 30 s, max 10, standby 1</c>.</summary>
    public string Label => FormattableString.Invariant(
        $"polling {Settings.PollingIntervalSeconds:0.#} s, max {Settings.Scaling.MaxExecutions}, standby {Settings.Standby}");
}
