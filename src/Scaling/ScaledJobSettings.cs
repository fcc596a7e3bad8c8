namespace AspireAgents.Scaling;

/// <summary>
/// The ScaledJob settings that decide how many executions a polling interval starts, with KEDA's
/// defaults. ACA's <c>minExecutions</c>/<c>maxExecutions</c> are KEDA's <c>minReplicaCount</c>/<c>maxReplicaCount</c>.
/// </summary>
public sealed record ScaledJobSettings
{
    /// <summary>Executions kept running even with an empty queue (KEDA <c>minReplicaCount</c>).</summary>
    public int MinExecutions { get; init; }

    /// <summary>Most executions running at once (KEDA <c>maxReplicaCount</c>).</summary>
    public int MaxExecutions { get; init; } = 100;

    /// <summary>The scaling strategy.</summary>
    public KedaScalingStrategy Strategy { get; init; } = KedaScalingStrategy.Default;

    /// <summary><c>customScalingQueueLengthDeduction</c>, for <see cref="KedaScalingStrategy.Custom"/>.</summary>
    public int? CustomScalingQueueLengthDeduction { get; init; }

    /// <summary>
    /// <c>customScalingRunningJobPercentage</c>, a string as in KEDA: when it does not parse as a number,
    /// <see cref="KedaScalingStrategy.Custom"/> falls back to <see cref="KedaScalingStrategy.Default"/>.
    /// </summary>
    public string? CustomScalingRunningJobPercentage { get; init; }

    /// <summary>The minimum KEDA uses: <c>min(min, max)</c>.</summary>
    public long EffectiveMinExecutions => Math.Min(MinExecutions, MaxExecutions);

    /// <summary>
    /// The maximum KEDA's formulas use: <c>max − min</c>, or <c>max</c> when min exceeds max
    /// (KEDA's <c>ScaledJob.MaxReplicaCount()</c>).
    /// </summary>
    public long EffectiveMaxExecutions => MinExecutions > MaxExecutions ? MaxExecutions : MaxExecutions - MinExecutions;
}
