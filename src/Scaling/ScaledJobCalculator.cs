using System.Globalization;

namespace AspireAgents.Scaling;

/// <summary>
/// KEDA's ScaledJob arithmetic for one trigger, so that the local job emulation starts exactly as many
/// executions as KEDA (and so ACA) would. Mirrors KEDA's <c>scaledjob/metrics.go</c> and
/// <c>executor/scale_jobs.go</c>; see <c>docs/scaling.md</c> for worked examples.
/// </summary>
public static class ScaledJobCalculator
{
    /// <summary>Decides how many executions to start this polling interval.</summary>
    public static ScalingDecision Decide(ScaledJobSettings settings, ScalingInput input)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var min = settings.EffectiveMinExecutions;
        var max = settings.EffectiveMaxExecutions;
        var active = input.ScalerActive || min > 0;

        // KEDA's IsScaledJobActive (scaledjob/metrics.go) takes a trigger's queue length and max value only while the
        // trigger is active: below its activation threshold, or when the scaler failed, the queue counts as 0, and only
        // the minimum executions are kept up.
        var queueLength = input.ScalerActive ? input.QueueLength : 0;

        // A Value-type target (0) gives maxScale 0 in KEDA: nothing scales on queue length.
        var maxValue = input.TargetQueueLength > 0 ? Math.Min(queueLength / input.TargetQueueLength, max) : 0;
        var maxScale = CeilToLong(Math.Min(maxValue, max));
        var scaleTo = CeilToLong(queueLength);

        long effective;
        var strategy = settings.Strategy;
        if (input.Running < min)
        {
            scaleTo = min - input.Running;
            effective = scaleTo;
        }
        else
        {
            var running = input.Running - min;
            (effective, scaleTo, strategy) = ApplyStrategy(settings, maxScale, running, input.Pending, max, scaleTo);
        }

        effective = Math.Max(effective, 0);
        var toStart = active && effective > 0 ? Math.Min(scaleTo, effective) : 0;
        return new ScalingDecision(active, scaleTo, maxScale, effective, Math.Max(toStart, 0), strategy);
    }

    private static (long Effective, long ScaleTo, KedaScalingStrategy Strategy) ApplyStrategy(
        ScaledJobSettings settings, long maxScale, long running, long pending, long max, long scaleTo)
    {
        switch (settings.Strategy)
        {
            case KedaScalingStrategy.Custom when TryParsePercentage(settings.CustomScalingRunningJobPercentage, out var percentage):
                var deduction = settings.CustomScalingQueueLengthDeduction ?? 0;
                // KEDA truncates running × percentage towards zero (a Go int64 conversion).
                var custom = maxScale - deduction - (long)(running * percentage);
                return (Math.Min(custom, max), scaleTo, KedaScalingStrategy.Custom);

            case KedaScalingStrategy.Accurate:
                var accurate = maxScale + running - pending > max ? max - running : maxScale - pending;
                return (accurate, scaleTo, KedaScalingStrategy.Accurate);

            case KedaScalingStrategy.Eager:
                return (Math.Min(max - running - pending, maxScale), max, KedaScalingStrategy.Eager);

            default:
                // Default, and Custom whose percentage does not parse: KEDA falls back silently.
                return (maxScale - running, scaleTo, KedaScalingStrategy.Default);
        }
    }

    private static bool TryParsePercentage(string? value, out double percentage) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out percentage);

    private static long CeilToLong(double value) => (long)Math.Ceiling(value);
}
