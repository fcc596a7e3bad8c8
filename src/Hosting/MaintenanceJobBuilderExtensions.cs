using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds and configures the scheduled job that maintains an agent job's pool.</summary>
public static class MaintenanceJobBuilderExtensions
{
    /// <summary>
    /// Adds a scheduled job whose executions maintain the placeholder job's pool (<c>AZP_MAINTENANCE=true</c>): each
    /// removes the agents the agent job's executions left behind when they were killed (offline, without a job, older
    /// than the grace period, named as the agent job names its replicas) and registers the placeholder again when it is
    /// missing or stale. It shares the agent job's image, environment, registry, pool and authentication (whose pool
    /// role, Administrator, lets it remove agents); under <c>dotnet run</c> its executions start on the same schedule.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the job name in Azure.</param>
    /// <param name="placeholderJob">The placeholder job (<see cref="ContainerAppJobBuilderExtensions.AddPlaceholderJob"/>).</param>
    /// <returns>The maintenance job's resource builder, scheduled every 15 minutes until told otherwise.</returns>
    /// <remarks>
    /// <code>
    /// var placeholder = builder.AddPlaceholderJob("agents-placeholder", agents);
    /// builder.AddMaintenanceJob("agents-maintenance", placeholder)
    ///     .WithScheduleTrigger(trigger => trigger.CronExpression = "*/15 * * * *")
    ///     .WithMaintenance(maintenance => maintenance.GracePeriod = TimeSpan.FromMinutes(30));
    /// </code>
    /// </remarks>
    public static IResourceBuilder<ContainerAppJobResource> AddMaintenanceJob(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ContainerAppJobResource> placeholderJob)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(placeholderJob);

        var annotation = new MaintenanceJobAnnotation(placeholderJob.Resource);
        var source = annotation.AgentJob;
        var job = source.Runner is { } runner ? new ContainerAppJobResource(name, runner) : new ContainerAppJobResource(name, source.Image!);
        job.Annotations.Add(annotation);
        job.Annotations.Add(new ContainerAppJobScheduleTriggerAnnotation());
        return builder.AddJob(job);
    }

    /// <summary>Configures the schedule trigger: the cron expression (UTC), parallelism and completion count.</summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="configure">Changes the defaults (<c>*/15 * * * *</c>, 1, 1).</param>
    /// <returns>The job's resource builder.</returns>
    /// <exception cref="DistributedApplicationException">The expression is not a schedule (<see cref="CronSchedule"/>).</exception>
    public static IResourceBuilder<ContainerAppJobResource> WithScheduleTrigger(
        this IResourceBuilder<ContainerAppJobResource> builder, Action<ContainerAppJobScheduleTriggerAnnotation> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var trigger = builder.Resource.TryGetLastAnnotation<ContainerAppJobScheduleTriggerAnnotation>(out var existing) ? existing : new();
        configure(trigger);
        trigger.Validate(builder.Resource.Name);
        return builder.WithAnnotation(trigger, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Configures what a maintenance run removes: the agent name pattern and the grace period.</summary>
    /// <param name="builder">The maintenance job's resource builder.</param>
    /// <param name="configure">Changes the defaults (the agent job's replica names, 30 minutes).</param>
    /// <returns>The job's resource builder.</returns>
    /// <exception cref="DistributedApplicationException">A setting is out of range; the message names it.</exception>
    public static IResourceBuilder<ContainerAppJobResource> WithMaintenance(
        this IResourceBuilder<ContainerAppJobResource> builder, Action<MaintenanceJobAnnotation> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var maintenance = ContainerAppJobSettings.Require<MaintenanceJobAnnotation>(builder.Resource, "maintains no pool: add it with AddMaintenanceJob(name, placeholderJob)");
        configure(maintenance);
        maintenance.Validate(builder.Resource.Name);
        return builder;
    }
}
