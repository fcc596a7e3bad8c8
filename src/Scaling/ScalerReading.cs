namespace AspireAgents.Scaling;

/// <summary>What the scale rule's scaler answered in one polling interval.</summary>
/// <param name="MetricName">The metric name from <c>GetMetricSpec</c>, e.g. <c>azure-pipelines-10</c>.</param>
/// <param name="QueueLength">The summed <c>GetMetrics</c> values of that metric.</param>
/// <param name="Target">The average target of the metric specs.</param>
/// <param name="Active">The <c>IsActive</c> answer.</param>
/// <param name="StandbyAgents">The standby agents the scaler included in <paramref name="QueueLength"/>, as it said (0 when it said nothing).</param>
/// <param name="StandbySource">Where the scaler's standby count came from (<c>fixed</c>, <c>schedule: …</c>, <c>auto: …</c>, <c>none</c>), or <see langword="null"/> when it said nothing.</param>
public readonly record struct ScalerReading(string MetricName, double QueueLength, double Target, bool Active, long StandbyAgents = 0, string? StandbySource = null);
