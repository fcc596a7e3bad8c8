using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using Aspire.Hosting.JobEmulation.ExecutionsApi;
using Aspire.Hosting.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Runs the Scaler as a scaling observer beside a job's scale rule (docs/observability.md, "Scaling decisions in Azure").</summary>
public static class ScalingObserverBuilderExtensions
{
    /// <summary>
    /// Makes <paramref name="observer"/> (the Scaler project) watch <paramref name="job"/>: every polling interval it reads
    /// the job's executions and the pool's queue with the rule's metadata, and records the decision KEDA should take. Under
    /// <c>dotnet run</c> it reads the job emulation's executions API with a token from the emulator's managed-identity
    /// endpoint; at publish time it is a container app without ingress whose identity gets Reader on the job in ARM and the
    /// pool's Reader role in Azure DevOps (through the grant script).
    /// </summary>
    /// <param name="observer">The Scaler project resource to run as the observer.</param>
    /// <param name="job">The observed job (an event job with an azure-pipelines or external rule).</param>
    /// <param name="identity">The observer's identity.</param>
    /// <returns>The observer's resource builder.</returns>
    public static IResourceBuilder<ProjectResource> AsScalingObserver(
        this IResourceBuilder<ProjectResource> observer, IResourceBuilder<ContainerAppJobResource> job, IResourceBuilder<AzureManagedIdentityResource> identity)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(identity);

        job.WithAnnotation(new JobExecutionsReaderAnnotation(identity.Resource, LocalObserverIdentity.PrincipalId));
        if (observer.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            identity.WithAnnotation(new AzureDevOpsAccessAnnotation(job.Resource, AzureDevOpsAccessAnnotation.ReaderRole));
            var target = new ScalingObserverContainerAppResource(observer.Resource, job.Resource, identity.Resource);
            target.Annotations.Add(new ManifestPublishingCallbackAnnotation(
                context => BicepModuleWriter.FailProcessOnErrorAsync(() => ScalingObserverPublisher.WriteDeploymentAsync(context, target))));
            return observer.WithAnnotation(new DeploymentTargetAnnotation(target));
        }

        if (job.Resource.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var emulator))
        {
            observer.WithAzureDevOpsEmulator(observer.ApplicationBuilder.CreateResourceBuilder(emulator.Emulator));
        }

        return observer.WithEnvironment(async context =>
        {
            // Read when the observer starts: the emulator's organisation URL and the API's port are known only then.
            var settings = PollingSettings.From(job.Resource);
            foreach (var (name, value) in ScalingObserverEnvironment.For(job.Resource, settings.Metadata))
            {
                context.EnvironmentVariables[name] = value;
            }

            var api = context.ExecutionContext.Services.GetRequiredService<JobExecutionsApiService>();
            context.EnvironmentVariables["Observer__ManagementEndpoint"] = (await api.GetAddressAsync(job.Resource, context.CancellationToken).ConfigureAwait(false)).AbsoluteUri;
            context.EnvironmentVariables["Observer__SubscriptionId"] = LocalAzureScope.SubscriptionId;
            context.EnvironmentVariables["Observer__ResourceGroup"] = LocalAzureScope.ResourceGroup;
            context.EnvironmentVariables["Observer__ManagedIdentityClientId"] = LocalObserverIdentity.ClientId.ToString();
        });
    }
}
