using Aspire.Hosting.ApplicationModel;

namespace AspireAgents.AppHost;

/// <summary>Applies appsettings.json to the model, so that Program.cs stays a diagram.</summary>
internal static class Extensions
{
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithSettings(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> environment, EnvironmentSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.WorkloadProfileType))
        {
            environment.WithDedicatedWorkloadProfile(settings.WorkloadProfileType, settings.WorkloadProfileMinimumCount, settings.WorkloadProfileMaximumCount);
        }

        if (!string.IsNullOrWhiteSpace(settings.InfrastructureSubnetId) || settings.Internal)
        {
            environment.WithVirtualNetwork(settings.InfrastructureSubnetId, settings.Internal);
        }

        return settings.ZoneRedundant ? environment.WithZoneRedundancy() : environment;
    }

    public static IResourceBuilder<ContainerAppJobResource> WithSettings(
        this IResourceBuilder<ContainerAppJobResource> job, AgentsSettings settings)
    {
        job.WithAzurePipelinesPool(settings.OrganizationUrl, settings.Pool)
            .WithEventTrigger(trigger =>
            {
                trigger.PollingInterval = TimeSpan.FromSeconds(settings.PollingIntervalSeconds);
                trigger.MinExecutions = settings.MinExecutions;
                trigger.MaxExecutions = settings.MaxExecutions;
                trigger.Parallelism = settings.Parallelism;
                trigger.ReplicaCompletionCount = settings.ReplicaCompletionCount;
            })
            .WithReplicas(replica =>
            {
                replica.ReplicaTimeout = TimeSpan.FromSeconds(settings.ReplicaTimeoutSeconds);
                replica.ReplicaRetryLimit = settings.ReplicaRetryLimit;
                replica.Cpu = settings.Cpu;
                replica.Memory = settings.Memory;
            })
            .WithAzurePipelinesScaleRule(metadata =>
            {
                metadata.TargetPipelinesQueueLength = settings.TargetPipelinesQueueLength;
                foreach (var demand in settings.Demands)
                {
                    metadata.Demands.Add(demand);
                }
            });

        if (settings.UsePersonalAccessToken)
        {
            job.WithPersonalAccessToken(job.ApplicationBuilder.AddParameter("azp-pat", secret: true));
        }

        return job;
    }
}
