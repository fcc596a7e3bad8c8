namespace AspireAgents.Scaling;

/// <summary>
/// One polling interval's decision: what it read, KEDA's arithmetic on it, and why nothing started when nothing did.
/// Pure, so that every reason the dashboard and the decision span show can be tested without a scaler or a process.
/// </summary>
/// <param name="Counts">The executions counted before the scaler was asked.</param>
/// <param name="Reading">The scaler's answer, or <see langword="null"/> when it failed.</param>
/// <param name="Scaling">KEDA's arithmetic; after a scaler error, with the trigger skipped.</param>
/// <param name="Reason">Why nothing started, or the scaler's error; <see langword="null"/> when executions started on a reading.</param>
public sealed record PollingDecision(ExecutionCounts Counts, ScalerReading? Reading, ScalingDecision Scaling, string? Reason)
{
    /// <summary>The trigger was inactive and no minimum asked for executions.</summary>
    public const string Inactive = "inactive: no job waits";

    /// <summary>Every execution the maximum allows already runs.</summary>
    public const string AtMaxExecutions = "at max executions";

    /// <summary>The running and pending executions already cover the queue.</summary>
    public const string EnoughExecutions = "enough executions for the queue";

    /// <summary>The prefix of the reason when the scaler failed; the failure follows.</summary>
    public const string ScalerError = "scaler error: ";

    /// <summary>Executions to start now.</summary>
    public long ToStart => Scaling.ToStart;

    /// <summary>Whether the scaler failed, so that the interval was decided without its answer.</summary>
    public bool IsScalerError => Reading is null;

    /// <summary>Decides on the scaler's answer.</summary>
    public static PollingDecision Decide(ScaledJobSettings settings, ExecutionCounts counts, ScalerReading reading)
    {
        var scaling = ScaledJobCalculator.Decide(settings, new ScalingInput(reading.QueueLength, reading.Target, reading.Active, counts.Running, counts.Pending));
        var reason = scaling.ToStart > 0 ? null
            : !scaling.Active ? Inactive
            : counts.Running >= settings.MaxExecutions ? AtMaxExecutions
            : EnoughExecutions;
        return new PollingDecision(counts, reading, scaling, reason);
    }

    /// <summary>
    /// Decides without the scaler, which failed: KEDA skips a failing trigger and still keeps the minimum executions
    /// up (scale_handler.go getScaledJobMetrics).
    /// </summary>
    /// <param name="settings">The job's ScaledJob settings.</param>
    /// <param name="counts">The executions counted before the scaler was asked.</param>
    /// <param name="error">What the scaler's failure was, e.g. <c>Unavailable: connection refused</c>.</param>
    public static PollingDecision WithoutScaler(ScaledJobSettings settings, ExecutionCounts counts, string error)
    {
        var scaling = ScaledJobCalculator.Decide(settings, new ScalingInput(0, 1, ScalerActive: false, counts.Running, counts.Pending));
        return new PollingDecision(counts, Reading: null, scaling, ScalerError + error);
    }
}
