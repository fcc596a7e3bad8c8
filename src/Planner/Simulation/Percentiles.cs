namespace AspireAgents.Planner.Simulation;

/// <summary>Percentiles as the scenario runs compute them, so that predictions and measurements compare like for like.</summary>
public static class Percentiles
{
    /// <summary>Nearest-rank percentile of sorted values; NaN when there are none.</summary>
    /// <param name="sorted">Values in ascending order.</param>
    /// <param name="p">The percentile as a fraction, e.g. 0.95.</param>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
