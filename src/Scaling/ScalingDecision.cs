namespace AspireAgents.Scaling;

/// <summary>The outcome of one polling interval, with the intermediate values KEDA computes.</summary>
/// <param name="Active">Whether the trigger counted as active (always when min executions &gt; 0).</param>
/// <param name="ScaleTo">KEDA's <c>scaleTo</c>: the queue length rounded up, the missing minimum, or the max for eager.</param>
/// <param name="MaxScale">KEDA's <c>maxScale</c>: <c>ceil(min(queue / target, effective max))</c>.</param>
/// <param name="EffectiveMaxScale">What the strategy allows to start now (never negative).</param>
/// <param name="ToStart">Executions to start: <c>min(scaleTo, effectiveMaxScale)</c> when active, else 0.</param>
/// <param name="Strategy">The strategy that ran (custom may fall back to default).</param>
public readonly record struct ScalingDecision(
    bool Active,
    long ScaleTo,
    long MaxScale,
    long EffectiveMaxScale,
    long ToStart,
    KedaScalingStrategy Strategy);
