using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes the <c>deployment</c> of the scaling observer's container app (<c>scaling-observer.bicep</c>): the observed job's
/// environment and registry, the observer's identity, and its <c>Observer:*</c> settings written into the module. The
/// subscription and resource group are the deployment's own, resolved by ARM.
/// </summary>
internal static class ScalingObserverPublisher
{
    internal const string TemplateFileName = "scaling-observer.bicep";

    public static Task WriteDeploymentAsync(ManifestPublishingContext context, ScalingObserverContainerAppResource target)
    {
        var job = target.Job;
        var (references, environment) = JobCompanionApp.References("Observer", target.App.Name, job);
        references["observerIdentityId"] = target.Identity.Id;
        references["observerIdentityClientId"] = target.Identity.ClientId;

        var pool = ContainerAppJobSettings.Pool(job);
        var (_, metadata) = ContainerAppJobSettings.ScaleRule(job, pool);
        var settings = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = target.App.Name,
            ["workloadProfileName"] = environment.DefaultWorkloadProfileName,
            ["environment"] = ScalingObserverEnvironment.For(job, metadata.ToMetadata())
                .Select(variable => new KeyValuePair<string, object?>(variable.Key, variable.Value))
                .Concat(ContainerAppTelemetry.Environment(environment, target.App.Name))
                .ToList(),
        };

        BicepModuleWriter.WriteDeploymentEntry(context, target.App.Name, TemplateFileName, references, settings);
        return Task.CompletedTask;
    }
}
