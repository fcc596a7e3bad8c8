namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Event trigger settings of a container apps job (ACA <c>eventTriggerConfig</c>, the counterpart of a KEDA ScaledJob).
/// </summary>
public sealed class ContainerAppJobEventTriggerAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets how often the scale rule is evaluated. Defaults to 30 seconds (KEDA and ACA default).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the minimum executions per polling interval. Defaults to 0.</summary>
    public int MinExecutions { get; set; }

    /// <summary>
    /// Gets or sets the maximum executions per polling interval. Defaults to 10, as in Microsoft's Azure Pipelines
    /// tutorial (ACA's own default is 100).
    /// </summary>
    public int MaxExecutions { get; set; } = 10;

    /// <summary>Gets or sets the replicas per execution. Defaults to 1.</summary>
    public int Parallelism { get; set; } = 1;

    /// <summary>Gets or sets the replicas that must succeed for an execution to succeed. Defaults to 1.</summary>
    public int ReplicaCompletionCount { get; set; } = 1;

    internal void Validate(string jobName)
    {
        var errors = new List<string>();
        if (PollingInterval < TimeSpan.FromSeconds(1) || PollingInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"polling interval {PollingInterval} must be a whole number of seconds, at least 1");
        }

        if (MinExecutions < 0)
        {
            errors.Add($"min executions {MinExecutions} must be 0 or more");
        }

        if (MaxExecutions < 1)
        {
            errors.Add($"max executions {MaxExecutions} must be 1 or more");
        }

        if (MinExecutions > MaxExecutions)
        {
            errors.Add($"min executions {MinExecutions} is above max executions {MaxExecutions}");
        }

        if (Parallelism < 1)
        {
            errors.Add($"parallelism {Parallelism} must be 1 or more");
        }

        if (ReplicaCompletionCount < 1 || ReplicaCompletionCount > Parallelism)
        {
            errors.Add($"replica completion count {ReplicaCompletionCount} must be between 1 and the parallelism ({Parallelism})");
        }

        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"Job '{jobName}' event trigger: {string.Join("; ", errors)}.");
        }
    }
}
