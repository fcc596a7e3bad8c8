using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// What a container app that serves a job (the external Scaler, the scaling observer) takes from that job: its Container
/// Apps environment, its registry and pull identity, and the environment's telemetry export. Both publishers start their
/// module's references here, so the apps beside a job are placed and observed as the job is.
/// </summary>
internal static class JobCompanionApp
{
    /// <summary>The references every companion app's module takes, and the environment it runs in.</summary>
    /// <param name="role">What the app is, for errors: <c>Scaler</c>, <c>Observer</c>.</param>
    /// <param name="appName">The app's resource name.</param>
    /// <param name="job">The job the app serves.</param>
    public static (SortedDictionary<string, object> References, AzureContainerAppsEnvironmentResource Environment) References(
        string role, string appName, IResource job)
    {
        var environment = job.TryGetLastAnnotation<ContainerAppsEnvironmentReferenceAnnotation>(out var e) ? e.Environment
            : throw new DistributedApplicationException($"{role} '{appName}': job '{job.Name}' has no container apps environment to share.");
        var pull = job.TryGetLastAnnotation<ContainerImagePullAnnotation>(out var p) ? p
            : throw new DistributedApplicationException($"{role} '{appName}': job '{job.Name}' has no registry to share.");

        var references = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["image"] = ResourceExpression.ContainerImage(appName),
            ["environmentId"] = environment.Id,
            ["registryEndpoint"] = pull.Registry.Endpoint,
            ["pullIdentityId"] = pull.Identity.Id,
        };
        ContainerAppTelemetry.AddReferences(environment, references);
        return (references, environment);
    }
}
