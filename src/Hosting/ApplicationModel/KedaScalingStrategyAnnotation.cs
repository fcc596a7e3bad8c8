using AspireAgents.Scaling;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The KEDA scaling strategy of an event job. Azure Container Apps does not expose it (its job scale settings have
/// no strategy), so only <see cref="KedaScalingStrategy.Default"/> can be deployed; the others serve local runs.
/// </summary>
public sealed class KedaScalingStrategyAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets the strategy. Defaults to <see cref="KedaScalingStrategy.Default"/>.</summary>
    public KedaScalingStrategy Strategy { get; set; } = KedaScalingStrategy.Default;

    /// <summary>Gets or sets <c>customScalingQueueLengthDeduction</c> (strategy <c>custom</c> only).</summary>
    public int? CustomScalingQueueLengthDeduction { get; set; }

    /// <summary>Gets or sets <c>customScalingRunningJobPercentage</c>, 0 to 1 (strategy <c>custom</c> only).</summary>
    public double? CustomScalingRunningJobPercentage { get; set; }

    internal void Validate(string jobName)
    {
        if (Strategy != KedaScalingStrategy.Custom &&
            (CustomScalingQueueLengthDeduction is not null || CustomScalingRunningJobPercentage is not null))
        {
            throw new DistributedApplicationException(
                $"Job '{jobName}': customScalingQueueLengthDeduction and customScalingRunningJobPercentage apply only to the custom strategy, not '{Strategy}'.");
        }

        if (Strategy == KedaScalingStrategy.Custom &&
            (CustomScalingRunningJobPercentage is null || CustomScalingRunningJobPercentage is < 0 or > 1))
        {
            throw new DistributedApplicationException(
                $"Job '{jobName}': the custom strategy needs customScalingRunningJobPercentage between 0 and 1 (KEDA falls back to default without it).");
        }
    }
}
