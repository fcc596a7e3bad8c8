namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks a scheduled job whose executions maintain an agent job's pool (<c>AZP_MAINTENANCE=true</c>): they remove the
/// agents the agent job's executions left behind when they were killed, and keep the placeholder agent registered.
/// </summary>
/// <param name="placeholderJob">The placeholder job: its agent job's pool, image and authentication, and the placeholder's name.</param>
public sealed class MaintenanceJobAnnotation(ContainerAppJobResource placeholderJob) : IResourceAnnotation
{
    /// <summary>
    /// The default grace period: 30 minutes, far above the slowest registration-to-online time of a live execution's
    /// agent (seconds; a minute or two when the agent updates itself first).
    /// </summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromMinutes(30);

    /// <summary>Gets the placeholder job.</summary>
    public ContainerAppJobResource PlaceholderJob { get; } = placeholderJob is not null && placeholderJob.HasAnnotationOfType<PlaceholderAgentAnnotation>()
        ? placeholderJob
        : throw new ArgumentException("Pass the placeholder job (AddPlaceholderJob): it names the agent job and the placeholder agent.", nameof(placeholderJob));

    /// <summary>Gets the agent job whose pool is maintained.</summary>
    public ContainerAppJobResource AgentJob => Placeholder.AgentJob;

    /// <summary>Gets the placeholder's annotation: its agent job and agent name.</summary>
    public PlaceholderAgentAnnotation Placeholder => PlaceholderJob.Annotations.OfType<PlaceholderAgentAnnotation>().Last();

    /// <summary>
    /// Gets or sets the pattern (.NET regular expression, matched against the whole name) of the agent names the agent
    /// job's executions register; <see langword="null"/> for the replica names of the agent job
    /// (<see cref="DefaultAgentNamePattern"/>).
    /// </summary>
    public string? AgentNamePattern { get; set; }

    /// <summary>Gets or sets how old an offline agent without a job must be to be removed. Defaults to 30 minutes.</summary>
    public TimeSpan GracePeriod { get; set; } = DefaultGracePeriod;

    /// <summary>
    /// The names the agent job's executions give their agents: the replica names. In Azure a replica is named
    /// <c>&lt;job&gt;-&lt;execution suffix&gt;-&lt;replica suffix&gt;</c> (the execution is <c>&lt;job&gt;-&lt;suffix&gt;</c>, the
    /// replica its pod); exactly two segments after the job's name, so that a sibling job whose name extends this
    /// one's (<c>agents-gpu</c>, replicas <c>agents-gpu-…-…</c>) never matches. Under <c>dotnet run</c> the job emulation
    /// names executions <c>&lt;job&gt;-&lt;6 hex digits&gt;</c> and a retried replica <c>…-r&lt;n&gt;</c>.
    /// </summary>
    /// <param name="agentJobName">The agent job's name.</param>
    /// <param name="runMode">Whether the job emulation names them (<c>dotnet run</c>) rather than Container Apps.</param>
    /// <returns>The pattern.</returns>
    public static string DefaultAgentNamePattern(string agentJobName, bool runMode) =>
        runMode
            ? $"{System.Text.RegularExpressions.Regex.Escape(agentJobName)}-[0-9a-f]{{6}}(-r[0-9]+)?"
            : $"{System.Text.RegularExpressions.Regex.Escape(agentJobName)}-[a-z0-9]+-[a-z0-9]+";

    internal void Validate(string jobName)
    {
        var errors = new List<string>();
        if (GracePeriod < TimeSpan.Zero || GracePeriod.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"grace period {GracePeriod} must be a whole number of seconds, 0 or more");
        }

        if (AgentNamePattern is { } pattern)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern);
            }
            catch (ArgumentException e)
            {
                errors.Add($"agent name pattern '{pattern}' is not a regular expression: {e.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"Job '{jobName}' maintenance: {string.Join("; ", errors)}.");
        }
    }
}
