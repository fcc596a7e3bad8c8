using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes a job's manifest entry: a compute entry azd builds an image for (<c>project.v1</c> from the runner project,
/// <c>container.v1</c> from a Dockerfile or an existing image) with a <c>deployment</c> module azd deploys after the push.
/// The job's settings are written into its module; the deployment parameters are references only.
/// </summary>
internal static partial class ContainerAppJobPublisher
{
    internal const string TemplateFileName = "container-app-job.bicep";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$")]
    private static partial Regex ContainerAppName();

    public static Task WriteAsync(ManifestPublishingContext context, ContainerAppJobResource job)
    {
        var (references, settings) = GetDeployment(job);
        var source = ContainerAppJobSettings.Source(job);
        var writer = context.Writer;

        if (source.Runner is { } runner)
        {
            if (source.TryGetLastAnnotation<ContainerAppJobDockerfileAnnotation>(out var dockerfile))
            {
                writer.WriteString("type", "container.v1");
                writer.WriteStartObject("build");
                writer.WriteString("context", context.GetManifestRelativePath(dockerfile.ContextPath));
                writer.WriteString("dockerfile", context.GetManifestRelativePath(dockerfile.DockerfilePath));
                if (dockerfile.BuildArguments.Count > 0)
                {
                    writer.WriteStartObject("args");
                    foreach (var (name, value) in dockerfile.BuildArguments)
                    {
                        writer.WriteString(name, value);
                    }

                    writer.WriteEndObject();
                }

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
        BicepModuleWriter.WriteDeploymentEntry(context, job.Name, TemplateFileName, references, settings);
        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Collects the job module's references (its deployment parameters) and settings (written into the module),
    /// throwing a <see cref="DistributedApplicationException"/> for a job that cannot be deployed.
    /// </summary>
    public static (IDictionary<string, object> References, OrderedDictionary<string, object?> Settings) GetDeployment(ContainerAppJobResource job)
    {
        if (!ContainerAppName().IsMatch(job.Name))
        {
            throw new DistributedApplicationException(
                $"Job '{job.Name}': a container apps job name has 2 to 32 lowercase letters, digits or '-', starts with a letter and ends with a letter or digit.");
        }

        var isPlaceholder = job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var placeholder);
        var source = ContainerAppJobSettings.Source(job);

        var environment = ContainerAppJobSettings.Require<ContainerAppsEnvironmentReferenceAnnotation>(source, "has no container apps environment: call WithContainerAppsEnvironment(environment)");
        var pull = ContainerAppJobSettings.Require<ContainerImagePullAnnotation>(source, "has no registry to pull its image from: call WithImagePull(registry, identity)");
        var pool = ContainerAppJobSettings.Pool(job);
        source.TryGetLastAnnotation<AzureDevOpsAuthenticationAnnotation>(out var authentication);
        authentication ??= new AzureDevOpsAuthenticationAnnotation();
        var replica = ContainerAppJobSettings.Replica(job);

        var workloadProfile = environment.WorkloadProfileName ?? environment.Environment.DefaultWorkloadProfileName;
        if (!environment.Environment.HasWorkloadProfile(workloadProfile))
        {
            throw new DistributedApplicationException(
                $"Job '{job.Name}': workload profile '{workloadProfile}' does not exist in environment '{environment.Environment.Name}'.");
        }

        var references = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["image"] = ImageExpression(job, source, pull.Registry),
            ["environmentId"] = environment.Environment.Id,
            ["registryEndpoint"] = pull.Registry.Endpoint,
            ["pullIdentityId"] = pull.Identity.Id,
        };

        var trigger = job.TriggerType == ContainerAppJobTriggerType.Event ? EventTrigger(job) : null;
        var schedule = job.TriggerType == ContainerAppJobTriggerType.Schedule ? ContainerAppJobSettings.ScheduleTrigger(job) : default;
        var settings = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = job.Name,
            ["role"] = isPlaceholder ? "placeholder" : job.HasAnnotationOfType<MaintenanceJobAnnotation>() ? "maintenance" : "agent",
            ["workloadProfileName"] = workloadProfile,
            ["replicaTimeout"] = (int)replica.ReplicaTimeout.TotalSeconds,
            ["replicaRetryLimit"] = replica.ReplicaRetryLimit,
            ["parallelism"] = trigger?.Parallelism ?? schedule.Trigger?.Parallelism ?? 1,
            ["replicaCompletionCount"] = trigger?.ReplicaCompletionCount ?? schedule.Trigger?.ReplicaCompletionCount ?? 1,
            ["cpu"] = replica.Cpu.ToString("0.0##", CultureInfo.InvariantCulture),
            ["memory"] = replica.Memory,
            ["organizationUrl"] = pool.OrganizationUrl,
            ["poolName"] = pool.PoolName,
            ["azureDevOpsAuthentication"] = Authentication(job, authentication, references),
            ["environment"] = isPlaceholder
                ? new OrderedDictionary<string, object?> { ["AZP_AGENT_NAME"] = placeholder!.AgentName, ["AZP_PLACEHOLDER"] = "1" }
                : job.HasAnnotationOfType<MaintenanceJobAnnotation>()
                    ? new OrderedDictionary<string, object?>(ContainerAppJobSettings.MaintenanceEnvironment(job, runMode: false).Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)))
                    : new OrderedDictionary<string, object?>(),
            ["scale"] = trigger is null ? null : Scale(job, trigger, environment.Environment, pool, references),
        };
        if (schedule.Schedule is { } cron)
        {
            settings["schedule"] = new OrderedDictionary<string, object?> { ["cronExpression"] = cron.Expression };
        }

        return (references, settings);
    }

    private static string Authentication(ContainerAppJobResource job, AzureDevOpsAuthenticationAnnotation authentication, IDictionary<string, object> references)
    {
        if (authentication.PersonalAccessToken is { } pat)
        {
            if (!pat.Secret)
            {
                throw new DistributedApplicationException(
                    $"Job '{job.Name}': the personal access token parameter '{pat.Name}' must be secret (AddParameter(name, secret: true)).");
            }

            references["personalAccessToken"] = pat;
            return "personalAccessToken";
        }

        if (authentication.Identity == AzureDevOpsIdentity.SystemAssigned)
        {
            return "systemIdentity";
        }

        var identity = authentication.UserAssignedIdentity ?? throw new DistributedApplicationException(
            $"Job '{job.Name}' authenticates to Azure DevOps with a user-assigned identity but names none: call WithAzureDevOpsIdentity(identity).");
        references["azureDevOpsIdentityId"] = identity.Id;
        references["azureDevOpsIdentityClientId"] = identity.ClientId;
        return "userIdentity";
    }

    private static ContainerAppJobEventTriggerAnnotation EventTrigger(ContainerAppJobResource job)
    {
        var (trigger, strategy) = ContainerAppJobSettings.EventTrigger(job);
        if (strategy.Strategy != KedaScalingStrategy.Default)
        {
            throw new DistributedApplicationException(
                $"Job '{job.Name}' uses the KEDA scaling strategy '{strategy.Strategy}', which Azure Container Apps jobs cannot express " +
                "(their scale settings have no strategy). Use the default strategy for deployment, or keep the strategy for local runs only.");
        }

        return trigger;
    }

    private static OrderedDictionary<string, object?> Scale(
        ContainerAppJobResource job, ContainerAppJobEventTriggerAnnotation trigger, AzureContainerAppsEnvironmentResource environment,
        AzurePipelinesPoolAnnotation pool, IDictionary<string, object> references)
    {
        var (rule, metadata) = ContainerAppJobSettings.ScaleRule(job, pool);

        var scale = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["minExecutions"] = trigger.MinExecutions,
            ["maxExecutions"] = trigger.MaxExecutions,
            ["pollingInterval"] = (int)trigger.PollingInterval.TotalSeconds,
        };

        switch (rule.RuleType)
        {
            case ContainerAppJobScaleRuleType.AzurePipelines:
                scale["rule"] = "azure-pipelines";
                break;
            case ContainerAppJobScaleRuleType.External when rule.Scaler is ProjectResource scaler:
                scale["rule"] = "external";
                references["environmentDefaultDomain"] = environment.DefaultDomain;
                break;
            case ContainerAppJobScaleRuleType.External when rule.Scaler is null:
                throw new DistributedApplicationException(
                    $"Job '{job.Name}' has an external scale rule but no scaler: call WithExternalScaler(scaler, identity) with the Scaler project, " +
                    "or use the built-in azure-pipelines rule (WithAzurePipelinesScaleRule()).");
            default:
                throw new DistributedApplicationException(
                    $"Job '{job.Name}': the external scaler '{rule.Scaler!.Name}' must be a project so that it can be deployed as a container app.");
        }

        // The organisation URL is an auth parameter backed by a secret (built-in scaler) or added by the module (external scaler).
        scale["metadata"] = metadata.ToMetadata()
            .Where(m => m.Key != AzurePipelinesMetadataKeys.OrganizationUrl)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new KeyValuePair<string, object?>(m.Key, m.Value))
            .ToList();
        if (rule.Scaler is { } externalScaler)
        {
            scale["externalScalerName"] = externalScaler.Name;
        }

        return scale;
    }

    private static ResourceExpression ImageExpression(ContainerAppJobResource job, ContainerAppJobResource source, AzureContainerRegistryResource registry)
    {
        if (source.Image is not { } image)
        {
            // azd resolves {entry.containerImage} to the image it has just built and pushed for this entry.
            return ResourceExpression.ContainerImage(job.Name);
        }

        // An image without a registry host (no '.' or ':' before the first '/', and not localhost) is in the job's registry.
        var firstSegment = image.Split('/')[0];
        var hasRegistryHost = image.Contains('/') &&
            (firstSegment.Contains('.') || firstSegment.Contains(':') || firstSegment == "localhost");
        return new ResourceExpression(hasRegistryHost ? image : $"{registry.Endpoint.ValueExpression}/{image}");
    }
}
