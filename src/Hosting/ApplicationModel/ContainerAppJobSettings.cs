namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A job's settings read from its annotations, with the annotations' defaults, for both publishing and a local run:
/// what <c>azd up</c> would reject fails <c>dotnet run</c> too, with the same message.
/// </summary>
internal static class ContainerAppJobSettings
{
    /// <summary>The job whose pool, organisation and authentication apply: a placeholder or maintenance job shares its agent job's.</summary>
    public static ContainerAppJobResource Source(ContainerAppJobResource job) =>
        job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var placeholder) ? placeholder.AgentJob
        : job.TryGetLastAnnotation<MaintenanceJobAnnotation>(out var maintenance) ? maintenance.AgentJob
        : job;

    /// <summary>The organisation and pool the job's agents join, its organisation URL checked as KEDA checks it.</summary>
    public static AzurePipelinesPoolAnnotation Pool(ContainerAppJobResource job)
    {
        var pool = Require<AzurePipelinesPoolAnnotation>(Source(job), "has no Azure DevOps organisation and pool: call WithAzurePipelinesPool(organizationUrl, poolName)");
        var errors = new AzurePipelinesTriggerMetadata { OrganizationUrl = pool.OrganizationUrl, PoolName = "pool" }.Validate();
        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"Job '{job.Name}': {string.Join("; ", errors)}.");
        }

        return pool;
    }

    /// <summary>
    /// The replica limits: the job's own, else a placeholder's or a maintenance job's (short, one retry: a run lists,
    /// removes and may register the placeholder, seconds of work), else the defaults.
    /// </summary>
    public static ContainerAppJobReplicaAnnotation Replica(ContainerAppJobResource job)
    {
        var replica = job.TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var own) ? own
            : Source(job) is var source && source != job ? PlaceholderReplica(source)
            : new ContainerAppJobReplicaAnnotation();
        replica.Validate(job.Name);
        return replica;
    }

    /// <summary>The event trigger and the KEDA strategy of an event job.</summary>
    public static (ContainerAppJobEventTriggerAnnotation Trigger, KedaScalingStrategyAnnotation Strategy) EventTrigger(ContainerAppJobResource job)
    {
        var trigger = job.TryGetLastAnnotation<ContainerAppJobEventTriggerAnnotation>(out var t) ? t : new ContainerAppJobEventTriggerAnnotation();
        trigger.Validate(job.Name);
        var strategy = job.TryGetLastAnnotation<KedaScalingStrategyAnnotation>(out var s) ? s : new KedaScalingStrategyAnnotation();
        strategy.Validate(job.Name);
        return (trigger, strategy);
    }

    /// <summary>The schedule trigger of a scheduled job, and its parsed schedule.</summary>
    public static (ContainerAppJobScheduleTriggerAnnotation Trigger, CronSchedule Schedule) ScheduleTrigger(ContainerAppJobResource job)
    {
        var trigger = Require<ContainerAppJobScheduleTriggerAnnotation>(job, "has no schedule: call WithScheduleTrigger(trigger => trigger.CronExpression = \"*/15 * * * *\")");
        return (trigger, trigger.Validate(job.Name));
    }

    /// <summary>The maintenance settings of a maintenance job, checked, with the agent name pattern resolved.</summary>
    /// <param name="job">The maintenance job.</param>
    /// <param name="runMode">Whether the job emulation names the agent job's executions.</param>
    public static (MaintenanceJobAnnotation Maintenance, string AgentNamePattern) Maintenance(ContainerAppJobResource job, bool runMode)
    {
        var maintenance = Require<MaintenanceJobAnnotation>(job, "maintains no pool: add it with AddMaintenanceJob(name, placeholderJob)");
        maintenance.Validate(job.Name);
        return (maintenance, maintenance.AgentNamePattern ?? MaintenanceJobAnnotation.DefaultAgentNamePattern(maintenance.AgentJob.Name, runMode));
    }

    /// <summary>
    /// What a maintenance execution's runner reads besides the agent job's settings: the maintenance switch, the name
    /// pattern and grace period, and the placeholder it keeps (its name, as the placeholder job registers it).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> MaintenanceEnvironment(ContainerAppJobResource job, bool runMode)
    {
        var (maintenance, pattern) = Maintenance(job, runMode);
        yield return new("AZP_MAINTENANCE", "true");
        yield return new("AZP_MAINTENANCE_AGENT_PATTERN", pattern);
        yield return new("AZP_MAINTENANCE_GRACE_SECONDS", ((long)maintenance.GracePeriod.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("AZP_AGENT_NAME", maintenance.Placeholder.AgentName);
        yield return new("AZP_PLACEHOLDER", "1");
    }

    /// <summary>
    /// The scale rule, and its metadata with the organisation and pool defaulted to the job's pool (the annotation is
    /// left as it was): checked as KEDA checks it, and against the organisation the agents join.
    /// </summary>
    public static (ContainerAppJobScaleRuleAnnotation Rule, AzurePipelinesTriggerMetadata Metadata) ScaleRule(ContainerAppJobResource job, AzurePipelinesPoolAnnotation pool)
    {
        var rule = job.TryGetLastAnnotation<ContainerAppJobScaleRuleAnnotation>(out var r) ? r : new ContainerAppJobScaleRuleAnnotation();
        var metadata = rule.Metadata.WithDefaults(pool.OrganizationUrl, pool.PoolName);
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

        return (rule, metadata);
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

    /// <summary>The annotation, or a <see cref="DistributedApplicationException"/> that says what is missing.</summary>
    public static T Require<T>(ContainerAppJobResource job, string problem) where T : class, IResourceAnnotation =>
        job.TryGetLastAnnotation<T>(out var annotation)
            ? annotation
            : throw new DistributedApplicationException($"Job '{job.Name}' {problem}.");
}
