using System.Diagnostics;
using AspireAgents.Scaling.Standby;
using Tags = AspireAgents.Scaling.Telemetry.ScalingDecisionAttributes;

namespace AspireAgents.Scaling.Telemetry;

/// <summary>
/// Writes a polling interval's decision on its span, the same way wherever it was decided: the settings it ran with
/// (<see cref="TagSettings"/>) and what it read and concluded (<see cref="RecordDecision"/>).
/// </summary>
public static class ScalingDecisionSpan
{
    /// <summary>The span name of a polling interval's decision.</summary>
    public const string Name = "scaling decision";

    /// <summary>Tags the decision's span with the job, the pool and the ScaledJob settings it is decided with.</summary>
    /// <param name="activity">The decision's span, or <see langword="null"/> when nobody listens.</param>
    /// <param name="jobName">The job's name.</param>
    /// <param name="poolName">The pool the rule names, if it names one.</param>
    /// <param name="poolId">The pool id the rule gives, when it names none.</param>
    /// <param name="pollingInterval">The rule's polling interval.</param>
    /// <param name="settings">KEDA's ScaledJob settings.</param>
    /// <param name="scaleOnInFlight">The rule's <c>scaleOnInFlight</c>.</param>
    public static void TagSettings(Activity? activity, string jobName, string? poolName, string? poolId, TimeSpan pollingInterval, ScaledJobSettings settings, bool scaleOnInFlight)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.JobName, jobName);
        if (poolName is not null)
        {
            activity.SetTag(Tags.PoolName, poolName);
        }
        else if (poolId is not null)
        {
            activity.SetTag(Tags.PoolId, poolId);
        }

        activity.SetTag(Tags.PollingInterval, pollingInterval.TotalSeconds);
        activity.SetTag(Tags.Strategy, settings.Strategy.ToString().ToLowerInvariant());
        activity.SetTag(Tags.ScaleOnInFlight, scaleOnInFlight);
        activity.SetTag(Tags.MinExecutions, settings.MinExecutions);
        activity.SetTag(Tags.MaxExecutions, settings.MaxExecutions);
    }

    /// <summary>Records a decision's inputs and outcome on its span; a scaler error sets the span's status.</summary>
    /// <param name="activity">The decision's span, or <see langword="null"/> when nobody listens.</param>
    /// <param name="decision">The decision.</param>
    public static void RecordDecision(Activity? activity, PollingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.Running, decision.Counts.Running);
        activity.SetTag(Tags.Pending, decision.Counts.Pending);
        if (decision.Reading is { } reading)
        {
            activity.SetTag(Tags.MetricName, reading.MetricName);
            activity.SetTag(Tags.QueueLength, reading.QueueLength);
            activity.SetTag(Tags.Target, reading.Target);
            activity.SetTag(Tags.Active, decision.Scaling.Active);
            activity.SetTag(Tags.ScaleTo, decision.Scaling.ScaleTo);
            activity.SetTag(Tags.MaxScale, decision.Scaling.MaxScale);
            activity.SetTag(Tags.EffectiveMaxScale, decision.Scaling.EffectiveMaxScale);
            activity.SetTag(Tags.StandbyAgents, reading.StandbyAgents);
            activity.SetTag(Tags.StandbySource, reading.StandbySource ?? StandbyTarget.NoneSource);
        }

        activity.SetTag(Tags.Started, decision.ToStart);
        if (decision.Reason is { } reason)
        {
            activity.SetTag(Tags.Reason, reason);
        }

        if (decision.IsScalerError)
        {
            activity.SetStatus(ActivityStatusCode.Error, decision.Reason);
        }
    }
}
