using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes the <c>deployment</c> of a project deployed as a container app (the external Scaler): Aspire writes the
/// project as <c>project.v1</c> and asks its deployment target for this object.
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

        var parameters = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = target.App.Name,
            ["image"] = $"{{{target.App.Name}.containerImage}}",
            ["environmentId"] = environment.Environment.Id,
            ["workloadProfileName"] = environment.Environment.DefaultWorkloadProfileName,
            ["registryEndpoint"] = pull.Registry.Endpoint,
            ["pullIdentityId"] = pull.Identity.Id,
            ["targetPort"] = AzureContainerAppResource.TargetPort.ToString(CultureInfo.InvariantCulture),
        };

        BicepModuleWriter.WriteModuleEntry(context, target.App.Name, TemplateFileName, parameters, stringsOnly: true);
        return Task.CompletedTask;
    }
}
