using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Keys = Aspire.Hosting.ApplicationModel.AzurePipelinesMetadataKeys;
using AspireAgents.Scaling;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// What an event job's poll loop runs with, read once from its annotations through <see cref="ContainerAppJobSettings"/>,
/// so that a setting publishing rejects stops <c>dotnet run</c> with the same message.
/// </summary>
/// <param name="PollingInterval">How often the rule is evaluated.</param>
/// <param name="Scaling">KEDA's ScaledJob settings.</param>
/// <param name="ScaleOnInFlight">The rule's <c>scaleOnInFlight</c>, as the scaler applies it.</param>
/// <param name="Metadata">The trigger metadata the scaler is called with.</param>
/// <param name="Scaler">The scaler that answers for the rule.</param>
internal sealed record PollingSettings(
    TimeSpan PollingInterval,
    ScaledJobSettings Scaling,
    bool ScaleOnInFlight,
    IReadOnlyDictionary<string, string> Metadata,
    IResourceWithEndpoints Scaler)
{
    /// <summary>The pool the rule counts by name, if it names one.</summary>
    public string? PoolName => Metadata.GetValueOrDefault(Keys.PoolName);

    /// <summary>The pool the rule counts by id, if it gives one.</summary>
    public string? PoolId => Metadata.GetValueOrDefault(Keys.PoolId);

    /// <summary>A warning when the strategy and <see cref="ScaleOnInFlight"/> over- or under-scale together.</summary>
    public string? PairingWarning => ScalingPairing.Warning(Scaling.Strategy, ScaleOnInFlight);

    /// <summary>Reads and checks the settings of an event job.</summary>
    /// <exception cref="DistributedApplicationException">A setting publishing rejects, or no scaler answers locally.</exception>
    public static PollingSettings From(ContainerAppJobResource job)
    {
        var pool = ContainerAppJobSettings.Pool(job);
        var (trigger, strategy) = ContainerAppJobSettings.EventTrigger(job);
        var (rule, ruleMetadata) = ContainerAppJobSettings.ScaleRule(job, pool);

        var metadata = ruleMetadata.ToMetadata().ToDictionary();
        if (job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var emulator))
        {
            metadata[Keys.OrganizationUrl] = emulator.OrganizationUrl;
        }

        var scaler = rule.Scaler
            ?? (job.TryGetLastAnnotation<LocalScalerAnnotation>(out var local) ? local.Scaler : null)
            ?? throw new DistributedApplicationException(
                $"Job '{job.Name}' uses KEDA's built-in azure-pipelines rule, which does not run locally: give it WithLocalScaler(scaler) so the Scaler answers in its place.");

        var scaling = new ScaledJobSettings
        {
            MinExecutions = trigger.MinExecutions,
            MaxExecutions = trigger.MaxExecutions,
            Strategy = strategy.Strategy,
            CustomScalingQueueLengthDeduction = strategy.CustomScalingQueueLengthDeduction,
            CustomScalingRunningJobPercentage = strategy.CustomScalingRunningJobPercentage?.ToString(CultureInfo.InvariantCulture),
        };
        return new PollingSettings(trigger.PollingInterval, scaling, ruleMetadata.EffectiveScaleOnInFlight, metadata, scaler);
    }

    /// <summary>The scaler's address, once its endpoints are allocated.</summary>
    public Uri ScalerAddress()
    {
        var endpoint = Scaler.GetEndpoints().FirstOrDefault(e => e.EndpointName == "http") ?? Scaler.GetEndpoints().First();
        return new Uri(endpoint.Url);
    }
}
