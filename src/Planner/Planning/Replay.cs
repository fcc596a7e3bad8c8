using AspireAgents.Planner.Records;
using AspireAgents.Planner.Simulation;

namespace AspireAgents.Planner.Planning;

/// <summary>
/// Replays jobs under one setting several times and averages: the polling clock's phase against the first job is
/// unknown, so the replications spread it evenly over one interval, and each draws its own start times.
/// </summary>
public static class Replay
{
    /// <summary>Replays <paramref name="jobs"/> <paramref name="replications"/> times under <paramref name="settings"/>.</summary>
    /// <param name="jobs">The finished jobs.</param>
    /// <param name="settings">The setting; its <see cref="SimulationSettings.FirstTickSeconds"/> is replaced by each replication's phase.</param>
    /// <param name="replications">At least 1.</param>
    /// <param name="rates">The cost rates.</param>
    /// <returns>The averaged outcome.</returns>
    public static PlanOutcome Run(IReadOnlyList<JobRecord> jobs, SimulationSettings settings, int replications, CostRates rates)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        var results = Enumerable.Range(0, replications)
            .Select(i => Simulator.Run(jobs, settings with { FirstTickSeconds = settings.PollingIntervalSeconds * (i + 0.5) / replications }, seed: i + 1))
            .ToList();
        var agentSeconds = results.Average(r => r.ExecutionSeconds);
        return new PlanOutcome(
            settings,
            results.Average(r => r.WaitP50),
            results.Average(r => r.WaitP95),
            results.Average(r => r.Executions),
            results.Average(r => r.ExecutionsWithoutJob),
            agentSeconds / 60,
            agentSeconds * rates.PerExecutionSecond,
            results[0].JobsServed,
            results[0].JobsElsewhere);
    }
}
