using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes the <c>deployment</c> of a project deployed as a container app (the external Scaler): Aspire writes the
/// project as <c>project.v1</c> and asks its deployment target for this object. Settings go into the module;
/// parameters are references only.
/// </summary>
internal static class AzureContainerAppPublisher
{
    internal const string TemplateFileName = "container-app.bicep";

    public static Task WriteDeploymentAsync(ManifestPublishingContext context, AzureContainerAppResource target)
    {
        var host = target.Host;
        var environment = host.TryGetLastAnnotation<ContainerAppsEnvironmentReferenceAnnotation>(out var e) ? e
            : throw new DistributedApplicationException($"Scaler '{target.App.Name}': job '{host.Name}' has no container apps environment to share.");
        var pull = host.TryGetLastAnnotation<ContainerImagePullAnnotation>(out var p) ? p
            : throw new DistributedApplicationException($"Scaler '{target.App.Name}': job '{host.Name}' has no registry to share.");

        var references = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["image"] = ResourceExpression.ContainerImage(target.App.Name),
            ["environmentId"] = environment.Environment.Id,
            ["registryEndpoint"] = pull.Registry.Endpoint,
            ["pullIdentityId"] = pull.Identity.Id,
            ["azureDevOpsIdentityId"] = target.AzureDevOpsIdentity.Id,
            ["azureDevOpsIdentityClientId"] = target.AzureDevOpsIdentity.ClientId,
        };

        var settings = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = target.App.Name,
            ["workloadProfileName"] = environment.Environment.DefaultWorkloadProfileName,
            ["targetPort"] = AzureContainerAppResource.TargetPort,
            ["external"] = false,
            ["minReplicas"] = 1,
            ["maxReplicas"] = 1,
            ["environment"] = ScalerCachePolicy.Environment(ScalerCachePolicy.PollingInterval(host))
                .Select(variable => new KeyValuePair<string, object?>(variable.Key, variable.Value))
                .Concat(ContainerAppTelemetry.Environment(environment.Environment, target.App.Name))
                .ToList(),
        };
        ContainerAppTelemetry.AddReferences(environment.Environment, references);

        BicepModuleWriter.WriteDeploymentEntry(context, target.App.Name, TemplateFileName, references, settings);
        return Task.CompletedTask;
    }
}
