namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// KEDA's ScaledJob <c>scalingStrategy.strategy</c>: how many executions a polling interval starts for
/// the queue length the scaler reports. ACA event jobs expose no such setting and run <see cref="Default"/>.
/// </summary>
public enum KedaScalingStrategy
{
    /// <summary>Start <c>queue − running</c>: right when the scaler counts in-flight jobs (<c>scaleOnInFlight=true</c>).</summary>
    Default,

    /// <summary><see cref="Default"/> with a constant and a percentage of running executions deducted.</summary>
    Custom,

    /// <summary>Start one per queued job, minus pending executions: right when the scaler counts only unassigned jobs (<c>scaleOnInFlight=false</c>).</summary>
    Accurate,

    /// <summary>Fill every free execution slot whenever the queue is non-empty.</summary>
    Eager,
}
