using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using Aspire.Hosting.Publishing;

namespace Aspire.Hosting;

/// <summary>Adds and configures Azure Container Apps jobs that run Azure Pipelines agents.</summary>
public static class ContainerAppJobBuilderExtensions
{
    internal const string ResourceType = "ContainerAppJob";

    /// <summary>
    /// Adds an event job whose executions run the agent runner project, one agent per execution. At publish time azd
    /// builds the runner's image, pushes it to the job's registry and deploys the job; under <c>dotnet run</c> the job
    /// is shown in the dashboard and the runner project stays a local process that does not start with the AppHost.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the job name in Azure (lowercase letters, digits and '-', at most 32).</param>
    /// <param name="runner">The agent runner project.</param>
    /// <returns>The job's resource builder.</returns>
    /// <remarks>
    /// <code>
    /// var agents = builder.AddContainerAppJob("agents", runner)
    ///     .WithContainerAppsEnvironment(environment)
    ///     .WithImagePull(registry, pullIdentity)
    ///     .WithAzurePipelinesPool("https://dev.azure.com/contoso", "aca-agents")
    ///     .WithEventTrigger(trigger => trigger.MaxExecutions = 10)
    ///     .WithAzurePipelinesScaleRule();
    /// builder.AddPlaceholderJob("agents-placeholder", agents);
    /// </code>
    /// </remarks>
    public static IResourceBuilder<ContainerAppJobResource> AddContainerAppJob(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ProjectResource> runner)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(runner);

        if (builder.ExecutionContext.IsPublishMode)
        {
            // The job is the deployable: its entry carries the runner's project path, so the runner itself has no entry.
            runner.WithAnnotation(ManifestPublishingCallbackAnnotation.Ignore, ResourceAnnotationMutationBehavior.Replace);
        }
        else
        {
            // The runner is the job's template: the job emulation starts one process per execution. Left in the
            // model, it would also start once on its own, with no job and no pool.
            builder.Resources.Remove(runner.Resource);
            // So does what Aspire adds for it, such as the hidden resource behind its Rebuild command.
            foreach (var child in builder.Resources.OfType<IResourceWithParent>().Where(r => r.Parent == runner.Resource).ToList())
            {
                builder.Resources.Remove(child);
            }
        }

        return builder.AddJob(new ContainerAppJobResource(name, runner.Resource));
    }

    /// <summary>
    /// Adds an event job that runs an existing image. An image without a registry host (for example
    /// <c>aspireagents/agent-runner:latest</c>) is pulled from the job's registry.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the job name in Azure (lowercase letters, digits and '-', at most 32).</param>
    /// <param name="image">The image.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> AddContainerAppJob(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string image)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);

        return builder.AddJob(new ContainerAppJobResource(name, image));
    }

    /// <summary>
    /// Adds a manual job that registers an offline placeholder agent (<c>AZP_PLACEHOLDER=1</c>, agent name
    /// <c>placeholder</c>) in the agent job's pool: Azure Pipelines does not queue jobs on a pool without agents. It
    /// shares the agent job's image, environment, registry, pool and authentication; azd's <c>postdeploy</c> hook starts
    /// it once (see <c>azure.yaml</c>).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the job name in Azure.</param>
    /// <param name="agentJob">The event job the placeholder belongs to.</param>
    /// <param name="agentName">The placeholder agent's name.</param>
    /// <returns>The placeholder job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> AddPlaceholderJob(
        this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ContainerAppJobResource> agentJob, string agentName = "placeholder")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(agentJob);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentName);

        var source = agentJob.Resource;
        var placeholder = source.Runner is { } runner
            ? new ContainerAppJobResource(name, runner)
            : new ContainerAppJobResource(name, source.Image!);
        placeholder.Annotations.Add(new PlaceholderAgentAnnotation(source) { AgentName = agentName });

        return builder.AddJob(placeholder);
    }

    /// <summary>Deploys the job to a container apps environment, on the environment's default workload profile or the one named.</summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="workloadProfileName">A workload profile of the environment; <see langword="null"/> for its default.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithContainerAppsEnvironment(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<AzureContainerAppsEnvironmentResource> environment,
        string? workloadProfileName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(environment);

        return builder.WithAnnotation(
            new ContainerAppsEnvironmentReferenceAnnotation(environment.Resource) { WorkloadProfileName = workloadProfileName },
            ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Pulls the job's image from a registry with a user-assigned identity that holds <c>AcrPull</c> on it.</summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="identity">The identity; see <see cref="AzureManagedIdentityBuilderExtensions.WithAcrPull"/>.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithImagePull(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<AzureContainerRegistryResource> registry,
        IResourceBuilder<AzureManagedIdentityResource> identity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(identity);

        return builder.WithAnnotation(new ContainerImagePullAnnotation(registry.Resource, identity.Resource), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Sets the organisation and agent pool the agents join (<c>AZP_URL</c>, <c>AZP_POOL</c>); the scale rule watches the same pool.</summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="organizationUrl">The organisation URL, for example <c>https://dev.azure.com/contoso</c>, without a trailing slash.</param>
    /// <param name="poolName">The agent pool name.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithAzurePipelinesPool(
        this IResourceBuilder<ContainerAppJobResource> builder, string organizationUrl, string poolName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(poolName);

        return builder.WithAnnotation(new AzurePipelinesPoolAnnotation(organizationUrl, poolName), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Configures the event trigger: polling interval, min/max executions per interval, parallelism, completion count.</summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="configure">Changes the defaults (30 s, 0, 10, 1, 1).</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithEventTrigger(
        this IResourceBuilder<ContainerAppJobResource> builder, Action<ContainerAppJobEventTriggerAnnotation> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var trigger = builder.Resource.TryGetLastAnnotation<ContainerAppJobEventTriggerAnnotation>(out var existing) ? existing : new();
        configure(trigger);
        return builder.WithAnnotation(trigger, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Configures each replica: timeout, retry limit, cpu and memory.</summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="configure">Changes the defaults (1800 s, 0 retries, 2.0 vCPU, 4Gi).</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithReplicas(
        this IResourceBuilder<ContainerAppJobResource> builder, Action<ContainerAppJobReplicaAnnotation> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var replica = builder.Resource.TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var existing) ? existing : new();
        configure(replica);
        return builder.WithAnnotation(replica, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Sets the KEDA scaling strategy. Azure Container Apps jobs cannot express it, so publishing rejects any strategy
    /// but <see cref="KedaScalingStrategy.Default"/>; the others serve local runs.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="customScalingQueueLengthDeduction">For <see cref="KedaScalingStrategy.Custom"/>.</param>
    /// <param name="customScalingRunningJobPercentage">For <see cref="KedaScalingStrategy.Custom"/>, 0 to 1.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithScalingStrategy(
        this IResourceBuilder<ContainerAppJobResource> builder, KedaScalingStrategy strategy,
        int? customScalingQueueLengthDeduction = null, double? customScalingRunningJobPercentage = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithAnnotation(
            new KedaScalingStrategyAnnotation
            {
                Strategy = strategy,
                CustomScalingQueueLengthDeduction = customScalingQueueLengthDeduction,
                CustomScalingRunningJobPercentage = customScalingRunningJobPercentage,
            },
            ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Scales the job with KEDA's built-in <c>azure-pipelines</c> scaler (the default): the organisation URL is a
    /// secret-backed auth parameter and the rule authenticates with the job's identity.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="configure">Sets trigger metadata (pool, demands, queue length …); organisation and pool default to the job's.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithAzurePipelinesScaleRule(
        this IResourceBuilder<ContainerAppJobResource> builder, Action<AzurePipelinesTriggerMetadata>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var rule = new ContainerAppJobScaleRuleAnnotation { RuleType = ContainerAppJobScaleRuleType.AzurePipelines };
        configure?.Invoke(rule.Metadata);
        return builder.WithAnnotation(rule, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Scales the job with this application's Scaler, a KEDA <c>external</c> gRPC scaler. At publish time the Scaler is
    /// deployed as a container app in the job's environment (HTTP/2 ingress inside the environment, TLS) that reads Azure
    /// DevOps with <paramref name="identity"/>, and the rule's <c>scalerAddress</c> points at it.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="scaler">The Scaler project.</param>
    /// <param name="identity">
    /// A user-assigned identity for the Scaler; it needs only the <c>Reader</c> role on the pool, which the grant script
    /// gives it at provisioning, before the Scaler first runs.
    /// </param>
    /// <param name="configure">Sets trigger metadata; organisation and pool default to the job's.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithExternalScaler(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<ProjectResource> scaler,
        IResourceBuilder<AzureManagedIdentityResource> identity, Action<AzurePipelinesTriggerMetadata>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(identity);

        var rule = new ContainerAppJobScaleRuleAnnotation { RuleType = ContainerAppJobScaleRuleType.External, Scaler = scaler.Resource };
        configure?.Invoke(rule.Metadata);

        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode &&
            !scaler.Resource.HasAnnotationOfType<DeploymentTargetAnnotation>())
        {
            var containerApp = new AzureContainerAppResource(scaler.Resource, builder.Resource, identity.Resource);
            containerApp.Annotations.Add(new ManifestPublishingCallbackAnnotation(
                context => BicepModuleWriter.FailProcessOnErrorAsync(() => AzureContainerAppPublisher.WriteDeploymentAsync(context, containerApp))));
            scaler.WithAnnotation(new DeploymentTargetAnnotation(containerApp));
            identity.WithAnnotation(new AzureDevOpsAccessAnnotation(builder.Resource, AzureDevOpsAccessAnnotation.ReaderRole));
        }

        return builder.WithAnnotation(rule, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Lets the scale rule and the agents use the job's system-assigned identity for Azure DevOps. It exists only once
    /// the job is deployed, so it can be let into Azure DevOps only after the first deployment; prefer a user-assigned
    /// identity (<see cref="WithAzureDevOpsIdentity(IResourceBuilder{ContainerAppJobResource}, IResourceBuilder{AzureManagedIdentityResource})"/>).
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="identity"><see cref="AzureDevOpsIdentity.SystemAssigned"/>; a user-assigned identity is given as a resource.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithAzureDevOpsIdentity(
        this IResourceBuilder<ContainerAppJobResource> builder, AzureDevOpsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (identity != AzureDevOpsIdentity.SystemAssigned)
        {
            throw new ArgumentException("Pass the user-assigned identity itself: WithAzureDevOpsIdentity(identity).", nameof(identity));
        }

        return builder.WithAuthentication(authentication =>
        {
            authentication.Identity = AzureDevOpsIdentity.SystemAssigned;
            authentication.UserAssignedIdentity = null;
        });
    }

    /// <summary>
    /// Lets the scale rule and the agents use a user-assigned identity for Azure DevOps (the agents get its
    /// <c>AZURE_CLIENT_ID</c>). The identity is created at provisioning and tagged with the role it needs on the pool
    /// (<c>Administrator</c>: agents register and remove themselves), so the grant script can let it in before any job runs.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="identity">The identity.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithAzureDevOpsIdentity(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<AzureManagedIdentityResource> identity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(identity);

        identity.WithAnnotation(new AzureDevOpsAccessAnnotation(builder.Resource, AzureDevOpsAccessAnnotation.AdministratorRole));
        return builder.WithAuthentication(authentication =>
        {
            authentication.Identity = AzureDevOpsIdentity.UserAssigned;
            authentication.UserAssignedIdentity = identity.Resource;
        });
    }

    /// <summary>
    /// Falls back to a personal access token (scope Agent Pools, read and manage) held in a secret parameter: the
    /// built-in scale rule and the agents (<c>AZP_TOKEN</c>) use it instead of managed identity.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="personalAccessToken">A secret parameter (<c>AddParameter(name, secret: true)</c>); azd prompts for it.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithPersonalAccessToken(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<ParameterResource> personalAccessToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(personalAccessToken);

        return builder.WithAuthentication(authentication => authentication.PersonalAccessToken = personalAccessToken.Resource);
    }

    /// <summary>Changes the job's Azure DevOps authentication, keeping what other calls set on it.</summary>
    private static IResourceBuilder<ContainerAppJobResource> WithAuthentication(
        this IResourceBuilder<ContainerAppJobResource> builder, Action<AzureDevOpsAuthenticationAnnotation> change)
    {
        var authentication = builder.Resource.TryGetLastAnnotation<AzureDevOpsAuthenticationAnnotation>(out var existing) ? existing : new();
        change(authentication);
        return builder.WithAnnotation(authentication, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Builds the runner's image from a Dockerfile (azd runs <c>docker build</c>) instead of <c>dotnet publish</c>'s
    /// container support, which cannot install the Azure Pipelines agent, git or an init process.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="contextPath">The build context, relative to the AppHost directory or absolute.</param>
    /// <param name="dockerfilePath">The Dockerfile, relative to the AppHost directory or absolute.</param>
    /// <param name="buildArguments">Build arguments (<c>--build-arg</c>), such as the agent's version and SHA-256.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithRunnerDockerfile(
        this IResourceBuilder<ContainerAppJobResource> builder, string contextPath, string dockerfilePath,
        IReadOnlyDictionary<string, string>? buildArguments = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(contextPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfilePath);

        if (builder.Resource.Runner is null)
        {
            throw new InvalidOperationException($"Job '{builder.Resource.Name}' runs an existing image; only a job over a runner project builds one.");
        }

        var appHostDirectory = builder.ApplicationBuilder.AppHostDirectory;
        return builder.WithAnnotation(
            new ContainerAppJobDockerfileAnnotation(Path.Combine(appHostDirectory, contextPath), Path.Combine(appHostDirectory, dockerfilePath), buildArguments),
            ResourceAnnotationMutationBehavior.Replace);
    }

    internal static IResourceBuilder<ContainerAppJobResource> AddJob(this IDistributedApplicationBuilder builder, ContainerAppJobResource job)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.AddJobEmulation();
        }

        var resource = builder.AddResource(job)
            .WithManifestPublishingCallback(context =>
                BicepModuleWriter.FailProcessOnErrorAsync(() => ContainerAppJobPublisher.WriteAsync(context, job)))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceType,
                State = new ResourceStateSnapshot("Not started", KnownResourceStateStyles.Info),
                Properties =
                [
                    new ResourcePropertySnapshot("containerapp.job.trigger", job.TriggerType.ToString()),
                    new ResourcePropertySnapshot("containerapp.job.runner", job.Runner?.Name ?? job.Image),
                ],
            });
        return builder.ExecutionContext.IsRunMode ? resource.WithJobEmulationCommands() : resource;
    }

    /// <summary>
    /// Under <c>dotnet run</c>, where KEDA's built-in <c>azure-pipelines</c> scaler does not run, lets the
    /// KEDA-compatible Scaler answer for the job's rule: same metadata, same answers, and the same cache policy for the
    /// job's polling interval as in Azure (<see cref="ScalerCachePolicy"/>). No effect at publish time.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="scaler">The Scaler project.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithLocalScaler(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<ProjectResource> scaler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scaler);

        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var job = builder.Resource;
        scaler.WithEnvironment(context =>
        {
            foreach (var (name, value) in ScalerCachePolicy.Environment(ScalerCachePolicy.PollingInterval(job)))
            {
                context.EnvironmentVariables[name] = value;
            }

            // On this machine only: grpcurl and other tools can list the Scaler's services without the .proto.
            context.EnvironmentVariables["Scaler__EnableReflection"] = "true";
        });
        return builder.WithAnnotation(new LocalScalerAnnotation(scaler.Resource), ResourceAnnotationMutationBehavior.Replace);
    }
}
