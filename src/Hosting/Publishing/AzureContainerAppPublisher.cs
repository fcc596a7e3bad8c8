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
        var (references, environment) = JobCompanionApp.References("Scaler", target.App.Name, host);
        references["azureDevOpsIdentityId"] = target.AzureDevOpsIdentity.Id;
        references["azureDevOpsIdentityClientId"] = target.AzureDevOpsIdentity.ClientId;

        var settings = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = target.App.Name,
            ["workloadProfileName"] = environment.DefaultWorkloadProfileName,
            ["targetPort"] = AzureContainerAppResource.TargetPort,
            ["external"] = false,
            ["minReplicas"] = 1,
            ["maxReplicas"] = 1,
            ["environment"] = ScalerCachePolicy.Environment(ScalerCachePolicy.PollingInterval(host))
                .Select(variable => new KeyValuePair<string, object?>(variable.Key, variable.Value))
                .Concat(ContainerAppTelemetry.Environment(environment, target.App.Name))
                .ToList(),
        };

        BicepModuleWriter.WriteDeploymentEntry(context, target.App.Name, TemplateFileName, references, settings);
        return Task.CompletedTask;
    }
}
