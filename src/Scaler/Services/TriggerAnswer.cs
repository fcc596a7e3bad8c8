using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaling.Standby;

namespace AspireAgents.Scaler.Services;

/// <summary>
/// What the scaler answers for a trigger: the queue length plus the standby agents as the metric value, and active
/// while jobs wait above the activation threshold or standby agents are wanted. KEDA's <c>default</c> strategy starts
/// <c>ceil(value / target) − running</c> executions, so the standby count is sent as standby × target: that many
/// executions more than the queue alone asks for (docs/scaling.md, "Standby agents").
/// </summary>
/// <param name="Measurement">The queue measurement.</param>
/// <param name="Standby">The standby target.</param>
/// <param name="MetricValue">The value sent in <c>GetMetrics</c>.</param>
/// <param name="Active">The answer to <c>IsActive</c>.</param>
/// <param name="StandbyConfigured">Whether the trigger asks for standby at all (then the trailers are sent even for 0).</param>
public readonly record struct TriggerAnswer(QueueMeasurement Measurement, StandbyTarget Standby, long MetricValue, bool Active, bool StandbyConfigured)
{
    /// <summary>Combines the measurement and the standby target under the trigger's target and activation.</summary>
    public static TriggerAnswer For(AzurePipelinesTrigger trigger, QueueMeasurement measurement, StandbyTarget standby)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var value = measurement.QueueLength + (standby.Count * trigger.TargetPipelinesQueueLength);
        var active = measurement.QueueLength > trigger.ActivationTargetPipelinesQueueLength || standby.Count > 0;
        return new TriggerAnswer(measurement, standby, value, active, trigger.Standby.IsEnabled);
    }
}
