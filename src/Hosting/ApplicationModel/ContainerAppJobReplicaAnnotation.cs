namespace Aspire.Hosting.ApplicationModel;

/// <summary>Limits of each replica of a container apps job.</summary>
public sealed class ContainerAppJobReplicaAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets how long a replica may run before it is stopped. Defaults to 1800 seconds.</summary>
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>Gets or sets how often a failed replica is retried. Defaults to 0 (no retry).</summary>
    public int ReplicaRetryLimit { get; set; }

    /// <summary>Gets or sets the vCPUs per replica. Defaults to 2.0.</summary>
    public double Cpu { get; set; } = 2.0;

    /// <summary>Gets or sets the memory per replica, for example <c>4Gi</c>. Defaults to <c>4Gi</c>.</summary>
    public string Memory { get; set; } = "4Gi";

    /// <summary>
    /// Gets or sets how long an agent waits for a job before it is stopped and removed (<c>AZP_IDLE_TIMEOUT_SECONDS</c>):
    /// standby agents then outlive their window by this much at most. Defaults to none (until the replica timeout).
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    internal void Validate(string jobName)
    {
        var errors = new List<string>();
        if (IdleTimeout is { } idle && (idle < TimeSpan.FromSeconds(1) || idle.Ticks % TimeSpan.TicksPerSecond != 0 || idle >= ReplicaTimeout))
        {
            errors.Add($"idle timeout {idle} must be a whole number of seconds, at least 1 and below the replica timeout {ReplicaTimeout}");
        }

        if (ReplicaTimeout < TimeSpan.FromSeconds(1) || ReplicaTimeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"replica timeout {ReplicaTimeout} must be a whole number of seconds, at least 1");
        }

        if (ReplicaRetryLimit < 0)
        {
            errors.Add($"replica retry limit {ReplicaRetryLimit} must be 0 or more");
        }

        if (Cpu <= 0)
        {
            errors.Add($"cpu {Cpu} must be above 0");
        }

        if (string.IsNullOrWhiteSpace(Memory) || !Memory.EndsWith("Gi", StringComparison.Ordinal) ||
            !double.TryParse(Memory[..^2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            errors.Add($"memory '{Memory}' must be a size in Gi, such as 4Gi");
        }

        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"Job '{jobName}' replicas: {string.Join("; ", errors)}.");
        }
    }
}
