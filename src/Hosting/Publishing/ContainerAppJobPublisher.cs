using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes a job's manifest entry: a compute entry azd builds an image for (<c>project.v1</c> from the runner project,
/// <c>container.v1</c> from a Dockerfile or an existing image) with a <c>deployment</c> module azd deploys after the push.
/// </summary>
internal static partial class ContainerAppJobPublisher
{
    internal const string TemplateFileName = "container-app-job.bicep";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$")]
    private static partial Regex ContainerAppName();

    public static Task WriteAsync(ManifestPublishingContext context, ContainerAppJobResource job)
    {
        var parameters = GetDeploymentParameters(job);
        var source = job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var placeholder) ? placeholder.AgentJob : job;
        var writer = context.Writer;

        if (source.Runner is { } runner)
        {
            if (source.TryGetLastAnnotation<ContainerAppJobDockerfileAnnotation>(out var dockerfile))
            {
                writer.WriteString("type", "container.v1");
                writer.WriteStartObject("build");
                writer.WriteString("context", context.GetManifestRelativePath(dockerfile.ContextPath));
                writer.WriteString("dockerfile", context.GetManifestRelativePath(dockerfile.DockerfilePath));
                writer.WriteEndObject();
            }
            else
            {
                if (!runner.TryGetLastAnnotation<IProjectMetadata>(out var metadata))
                {
                    throw new DistributedApplicationException($"Job '{job.Name}': project metadata of runner '{runner.Name}' was not found.");
                }

                writer.WriteString("type", "project.v1");
                writer.WriteString("path", context.GetManifestRelativePath(metadata.ProjectPath));
            }
        }
        else
        {
            writer.WriteString("type", "container.v1");
            writer.WriteString("image", source.Image);
        }

        writer.WriteStartObject("deployment");
        BicepModuleWriter.WriteModuleEntry(context, job.Name, TemplateFileName, parameters, stringsOnly: true);
        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>Collects the job module's parameters, throwing a <see cref="DistributedApplicationException"/> for a job that cannot be deployed.</summary>
    public static IDictionary<string, object> GetDeploymentParameters(ContainerAppJobResource job)
    {
        if (!ContainerAppName().IsMatch(job.Name))
        {
            throw new DistributedApplicationException(
                $"Job '{job.Name}': a container apps job name has 2 to 32 lowercase letters, digits or '-', starts with a letter and ends with a letter or digit.");
        }

        var isPlaceholder = job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var placeholder);
        var source = isPlaceholder ? placeholder!.AgentJob : job;

        var environment = Require<ContainerAppsEnvironmentReferenceAnnotation>(source, "has no container apps environment: call WithContainerAppsEnvironment(environment)");
        var pull = Require<ContainerImagePullAnnotation>(source, "has no registry to pull its image from: call WithImagePull(registry, identity)");
        var pool = Require<AzurePipelinesPoolAnnotation>(source, "has no Azure DevOps organisation and pool: call WithAzurePipelinesPool(organizationUrl, poolName)");
        source.TryGetLastAnnotation<AzureDevOpsAuthenticationAnnotation>(out var authentication);
        authentication ??= new AzureDevOpsAuthenticationAnnotation();

        var replica = job.TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var ownReplica) ? ownReplica
            : isPlaceholder ? PlaceholderReplica(source)
            : new ContainerAppJobReplicaAnnotation();
        replica.Validate(job.Name);

        var workloadProfile = environment.WorkloadProfileName ?? environment.Environment.DefaultWorkloadProfileName;
        if (!environment.Environment.HasWorkloadProfile(workloadProfile))
        {
            throw new DistributedApplicationException(
                $"Job '{job.Name}': workload profile '{workloadProfile}' does not exist in environment '{environment.Environment.Name}'.");
        }

        var parameters = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = job.Name,
            ["image"] = ImageExpression(job, source, pull.Registry),
            ["environmentId"] = environment.Environment.Id,
            ["workloadProfileName"] = workloadProfile,
            ["registryEndpoint"] = pull.Registry.Endpoint,
            ["pullIdentityId"] = pull.Identity.Id,
            ["triggerType"] = job.TriggerType.ToString(),
            ["replicaTimeout"] = (int)replica.ReplicaTimeout.TotalSeconds,
            ["replicaRetryLimit"] = replica.ReplicaRetryLimit,
            ["cpu"] = replica.Cpu,
            ["memory"] = replica.Memory,
            ["organizationUrl"] = pool.OrganizationUrl,
            ["poolName"] = pool.PoolName,
        };

        ValidateOrganizationUrl(job.Name, pool.OrganizationUrl);

        if (authentication.PersonalAccessToken is { } pat)
        {
            if (!pat.Secret)
            {
                throw new DistributedApplicationException(
                    $"Job '{job.Name}': the personal access token parameter '{pat.Name}' must be secret (AddParameter(name, secret: true)).");
            }

            parameters["usePersonalAccessToken"] = true;
            parameters["personalAccessToken"] = pat;
        }

        if (authentication.Identity == AzureDevOpsIdentity.UserAssigned)
        {
            parameters["azureDevOpsIdentity"] = "user";
            parameters["pullIdentityClientId"] = pull.Identity.ClientId;
        }
        else
        {
            parameters["azureDevOpsIdentity"] = "system";
        }

        if (isPlaceholder)
        {
            parameters["agentName"] = placeholder!.AgentName;
            parameters["placeholder"] = true;
            parameters["parallelism"] = 1;
            parameters["replicaCompletionCount"] = 1;
            return parameters;
        }

        AddEventTrigger(job, environment.Environment, pool, parameters);
        return parameters;
    }

    private static void AddEventTrigger(
        ContainerAppJobResource job, AzureContainerAppsEnvironmentResource environment,
        AzurePipelinesPoolAnnotation pool, IDictionary<string, object> parameters)
    {
        var trigger = job.TryGetLastAnnotation<ContainerAppJobEventTriggerAnnotation>(out var t) ? t : new ContainerAppJobEventTriggerAnnotation();
        trigger.Validate(job.Name);

        if (job.TryGetLastAnnotation<KedaScalingStrategyAnnotation>(out var strategy))
        {
            strategy.Validate(job.Name);
            if (strategy.Strategy != KedaScalingStrategy.Default)
            {
                throw new DistributedApplicationException(
                    $"Job '{job.Name}' uses the KEDA scaling strategy '{strategy.Strategy}', which Azure Container Apps jobs cannot express " +
                    "(their scale settings have no strategy). Use the default strategy for deployment, or keep the strategy for local runs only.");
            }
        }

        var rule = job.TryGetLastAnnotation<ContainerAppJobScaleRuleAnnotation>(out var r) ? r : new ContainerAppJobScaleRuleAnnotation();
        var metadata = rule.Metadata;
        metadata.OrganizationUrl ??= pool.OrganizationUrl;
        if (metadata.PoolId is null)
        {
            metadata.PoolName ??= pool.PoolName;
        }

        var errors = metadata.Validate();
        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"Job '{job.Name}' scale rule: {string.Join("; ", errors)}.");
        }

        if (!string.Equals(metadata.OrganizationUrl, pool.OrganizationUrl, StringComparison.Ordinal))
        {
            throw new DistributedApplicationException(
                $"Job '{job.Name}': the scale rule reads organisation '{metadata.OrganizationUrl}' but the agents join '{pool.OrganizationUrl}'.");
        }

        parameters["parallelism"] = trigger.Parallelism;
        parameters["replicaCompletionCount"] = trigger.ReplicaCompletionCount;
        parameters["minExecutions"] = trigger.MinExecutions;
        parameters["maxExecutions"] = trigger.MaxExecutions;
        parameters["pollingInterval"] = (int)trigger.PollingInterval.TotalSeconds;

        foreach (var (key, value) in metadata.ToMetadata())
        {
            if (key == "organizationURL")
            {
                continue; // an auth parameter backed by a secret (built-in scaler) or added by the module (external scaler)
            }

            parameters["trigger" + char.ToUpperInvariant(key[0]) + key[1..].Replace("ID", "Id", StringComparison.Ordinal)] = value;
        }

        switch (rule.RuleType)
        {
            case ContainerAppJobScaleRuleType.AzurePipelines:
                parameters["scaleRuleType"] = "azure-pipelines";
                break;
            case ContainerAppJobScaleRuleType.External when rule.Scaler is ProjectResource scaler:
                parameters["scaleRuleType"] = "external";
                parameters["scalerAddress"] = $"{scaler.Name}.internal.{environment.DefaultDomain.ValueExpression}:443";
                break;
            case ContainerAppJobScaleRuleType.External when rule.Scaler is null:
                throw new DistributedApplicationException(
                    $"Job '{job.Name}' has an external scale rule but no scaler: call WithExternalScaler(scaler) with the Scaler project, " +
                    "or use the built-in azure-pipelines rule (WithAzurePipelinesScaleRule()).");
            default:
                throw new DistributedApplicationException(
                    $"Job '{job.Name}': the external scaler '{rule.Scaler!.Name}' must be a project so that it can be deployed as a container app.");
        }
    }

    private static ContainerAppJobReplicaAnnotation PlaceholderReplica(ContainerAppJobResource agentJob)
    {
        var agentReplica = agentJob.TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var a) ? a : new ContainerAppJobReplicaAnnotation();

        // Registering the placeholder takes seconds; Microsoft's tutorial gives its manual job 300 s.
        return new ContainerAppJobReplicaAnnotation
        {
            ReplicaTimeout = TimeSpan.FromSeconds(300),
            ReplicaRetryLimit = 1,
            Cpu = agentReplica.Cpu,
            Memory = agentReplica.Memory,
        };
    }

    private static string ImageExpression(ContainerAppJobResource job, ContainerAppJobResource source, AzureContainerRegistryResource registry)
    {
        if (source.Image is not { } image)
        {
            // azd resolves {entry.containerImage} to the image it has just built and pushed for this entry.
            return $"{{{job.Name}.containerImage}}";
        }

        // An image without a registry host (no '.' or ':' before the first '/', and not localhost) is in the job's registry.
        var firstSegment = image.Split('/')[0];
        var hasRegistryHost = image.Contains('/') &&
            (firstSegment.Contains('.') || firstSegment.Contains(':') || firstSegment == "localhost");
        return hasRegistryHost ? image : $"{registry.Endpoint.ValueExpression}/{image}";
    }

    private static void ValidateOrganizationUrl(string jobName, string organizationUrl)
    {
        var metadata = new AzurePipelinesTriggerMetadata { OrganizationUrl = organizationUrl, PoolName = "pool" };
        var errors = metadata.Validate();
        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"Job '{jobName}': {string.Join("; ", errors)}.");
        }
    }

    private static T Require<T>(ContainerAppJobResource job, string problem) where T : class, IResourceAnnotation =>
        job.TryGetLastAnnotation<T>(out var annotation)
            ? annotation
            : throw new DistributedApplicationException($"Job '{job.Name}' {problem}.");
}
