namespace Aspire.Hosting.ApplicationModel;

/// <summary>Schedule trigger settings of a container apps job (ACA <c>scheduleTriggerConfig</c>).</summary>
public sealed class ContainerAppJobScheduleTriggerAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets when executions start: a five-field cron expression in UTC (<see cref="CronSchedule"/>). Defaults to every 15 minutes.</summary>
    public string CronExpression { get; set; } = "*/15 * * * *";

    /// <summary>Gets or sets the replicas per execution. Defaults to 1.</summary>
    public int Parallelism { get; set; } = 1;

    /// <summary>Gets or sets the replicas that must succeed for an execution to succeed. Defaults to 1.</summary>
    public int ReplicaCompletionCount { get; set; } = 1;

    /// <summary>The schedule, checked with the other settings; a <see cref="DistributedApplicationException"/> names every problem.</summary>
    internal CronSchedule Validate(string jobName)
    {
        var errors = new List<string>();
        if (!CronSchedule.TryParse(CronExpression, out var schedule, out var error))
        {
            errors.Add($"schedule {error}");
        }

        if (Parallelism < 1)
        {
            errors.Add($"parallelism {Parallelism} must be 1 or more");
        }

        if (ReplicaCompletionCount < 1 || ReplicaCompletionCount > Parallelism)
        {
            errors.Add($"replica completion count {ReplicaCompletionCount} must be between 1 and the parallelism ({Parallelism})");
        }

        return errors.Count > 0
            ? throw new DistributedApplicationException($"Job '{jobName}' schedule trigger: {string.Join("; ", errors)}.")
            : schedule!;
    }
}
