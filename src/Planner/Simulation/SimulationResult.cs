namespace AspireAgents.Planner.Simulation;

/// <summary>What one replay of the jobs under one setting gave.</summary>
/// <param name="JobsServed">Jobs this setting's agents ran.</param>
/// <param name="JobsElsewhere">Jobs whose demands these agents do not satisfy: replayed as recorded, left out of the waits.</param>
/// <param name="Waits">Each served job's queue time to its agent receiving it, seconds, sorted.</param>
/// <param name="Executions">Executions started, standby ones included.</param>
/// <param name="ExecutionsWithoutJob">Executions that ended without a job (idle timeout).</param>
/// <param name="ExecutionSeconds">Every execution's creation to its end, summed: what ACA bills.</param>
/// <param name="MakespanSeconds">First job queued to last served job finished.</param>
public sealed record SimulationResult(
    int JobsServed,
    int JobsElsewhere,
    IReadOnlyList<double> Waits,
    int Executions,
    int ExecutionsWithoutJob,
    double ExecutionSeconds,
    double MakespanSeconds)
{
    /// <summary>Median wait, seconds (nearest rank, as the scenario runs measure it).</summary>
    public double WaitP50 => Percentiles.NearestRank(Waits, 0.50);

    /// <summary>95th percentile wait, seconds.</summary>
    public double WaitP95 => Percentiles.NearestRank(Waits, 0.95);
}
