namespace AspireAgents.AgentRunner;

/// <summary>
/// Timings of the runner, bound from the <c>AgentRunner</c> configuration section
/// (environment: <c>AgentRunner__StopTimeout=00:00:10</c>). The defaults fit Azure Container Apps, which kills
/// a replica 30 s after it sends SIGTERM.
/// </summary>
public sealed class AgentRunnerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AgentRunner";

    /// <summary>After SIGTERM/SIGINT, everything (stopping the agent and removing it) ends within this.</summary>
    public TimeSpan ShutdownDeadline { get; set; } = TimeSpan.FromSeconds(24);

    /// <summary>After forwarding a signal, how long the agent has to finish its job as cancelled before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long removal is retried while the agent is still busy, when no signal set a tighter deadline.</summary>
    public TimeSpan RemovalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The pause between removal attempts.</summary>
    public TimeSpan RemovalRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long <c>config.sh</c> may take.</summary>
    public TimeSpan ConfigureTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long downloading the agent package may take.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The agent package's platform; default this process's runtime (<c>linux-x64</c>, <c>linux-arm64</c>…).</summary>
    public string? Platform { get; set; }
}
