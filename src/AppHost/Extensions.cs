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

    /// <summary>
    /// The agent image azd builds: src/AgentRunner/Dockerfile with the agent pinned by version and SHA-256. A project's
    /// default container build (<c>dotnet publish</c>) has no agent, no git and no init process.
    /// </summary>
    public static IResourceBuilder<ContainerAppJobResource> WithAgentImage(
        this IResourceBuilder<ContainerAppJobResource> job, AgentsSettings settings)
    {
        if (job.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            settings.RequireAgentPackage();
        }

        return job.WithRunnerDockerfile(
            contextPath: "../..",
            dockerfilePath: "../AgentRunner/Dockerfile",
            new Dictionary<string, string>
            {
                ["AGENT_VERSION"] = settings.AgentVersion,
                ["AGENT_SHA256"] = settings.AgentSha256.ToLowerInvariant(),
            });
    }

    public static IResourceBuilder<ContainerAppJobResource> WithSettings(
        this IResourceBuilder<ContainerAppJobResource> job, AgentsSettings settings, IResourceBuilder<ProjectResource> scaler,
        IResourceBuilder<AzureManagedIdentityResource> azureDevOpsIdentity)
    {
        if (job.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            settings.RequireOrganization();
        }

        job.WithAzurePipelinesPool(settings.OrganizationUrl, settings.Pool)
            .WithEventTrigger(trigger =>
            {
                trigger.PollingInterval = Seconds(settings.PollingIntervalSeconds) ?? trigger.PollingInterval;
                trigger.MinExecutions = settings.MinExecutions ?? trigger.MinExecutions;
                trigger.MaxExecutions = settings.MaxExecutions ?? trigger.MaxExecutions;
                trigger.Parallelism = settings.Parallelism ?? trigger.Parallelism;
                trigger.ReplicaCompletionCount = settings.ReplicaCompletionCount ?? trigger.ReplicaCompletionCount;
            })
            .WithReplicas(replica =>
            {
                replica.ReplicaTimeout = Seconds(settings.ReplicaTimeoutSeconds) ?? replica.ReplicaTimeout;
                replica.ReplicaRetryLimit = settings.ReplicaRetryLimit ?? replica.ReplicaRetryLimit;
                replica.Cpu = settings.Cpu ?? replica.Cpu;
                replica.Memory = settings.Memory ?? replica.Memory;
            });
        if (settings.ScalingStrategy is { } strategy)
        {
            job.WithScalingStrategy(strategy);
        }

        if (settings.ExternalScaler)
        {
            // The Scaler only reads the queue: an identity of its own, with the pool's Reader role.
            job.WithExternalScaler(scaler, job.ApplicationBuilder.AddAzureManagedIdentity("scaler-identity"), Metadata);
        }
        else
        {
            job.WithAzurePipelinesScaleRule(Metadata);
            if (job.ApplicationBuilder.ExecutionContext.IsPublishMode)
            {
                // KEDA's built-in azure-pipelines scaler answers in Azure: the Scaler is not deployed.
                scaler.ExcludeFromManifest();
            }
        }

        if (settings.UsePersonalAccessToken)
        {
            job.WithPersonalAccessToken(PersonalAccessToken(job.ApplicationBuilder));
        }
        else
        {
            job.WithAzureDevOpsIdentity(azureDevOpsIdentity);
        }

        return job;

        static TimeSpan? Seconds(int? seconds) => seconds is { } value ? TimeSpan.FromSeconds(value) : null;

        void Metadata(AzurePipelinesTriggerMetadata metadata)
        {
            metadata.TargetPipelinesQueueLength = settings.TargetPipelinesQueueLength ?? metadata.TargetPipelinesQueueLength;
            metadata.ScaleOnInFlight = settings.ScaleOnInFlight ?? metadata.ScaleOnInFlight;
            foreach (var demand in settings.Demands)
            {
                metadata.Demands.Add(demand);
            }
        }
    }

    /// <summary>The maintenance job's schedule, grace period and agent name pattern, checked first so that a bad one names its setting.</summary>
    public static IResourceBuilder<ContainerAppJobResource> WithMaintenanceSettings(
        this IResourceBuilder<ContainerAppJobResource> job, MaintenanceSettings settings)
    {
        settings.Validate();
        return job
            .WithScheduleTrigger(trigger => trigger.CronExpression = settings.Schedule)
            .WithMaintenance(maintenance =>
            {
                maintenance.GracePeriod = settings.GracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : maintenance.GracePeriod;
                maintenance.AgentNamePattern = settings.AgentNamePattern ?? maintenance.AgentNamePattern;
            });
    }

    /// <summary>
    /// Under <c>dotnet run</c>: the job's executions use the emulator (or, with <c>Agents:UseEmulator=false</c>,
    /// the organisation of <c>Agents:OrganizationUrl</c>), and the Scaler answers for its scale rule.
    /// </summary>
    public static IResourceBuilder<ContainerAppJobResource> WithLocalSettings(
        this IResourceBuilder<ContainerAppJobResource> job, AgentsSettings settings,
        IResourceBuilder<ProjectResource> devops, IResourceBuilder<ProjectResource> scaler)
    {
        if (settings.UseEmulator)
        {
            job.WithAzureDevOpsEmulator(devops);
        }

        return job.WithLocalScaler(scaler);
    }

    /// <summary>The Scaler's identity: the emulator's managed-identity endpoint, or a PAT against a real organisation.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalSettings(
        this IResourceBuilder<ProjectResource> scaler, AgentsSettings settings, IResourceBuilder<ProjectResource> devops)
    {
        if (settings.UseEmulator)
        {
            return scaler.WithAzureDevOpsEmulator(devops);
        }

        if (settings.UsePersonalAccessToken && scaler.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            scaler.WithEnvironment("AzureDevOps__PersonalAccessToken", PersonalAccessToken(scaler.ApplicationBuilder));
        }

        return scaler;
    }

    /// <summary>The secret <c>azp-pat</c> parameter, shared by the runner and the Scaler.</summary>
    private static IResourceBuilder<ParameterResource> PersonalAccessToken(IDistributedApplicationBuilder builder) =>
        builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == "azp-pat") is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter("azp-pat", secret: true);
}
