namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// The short form of an agent (<c>TaskAgentReference</c>), as it appears in a job request's
/// <c>reservedAgent</c> and <c>matchedAgents</c>.
/// </summary>
public record TaskAgentReference
{
    /// <summary>The agent id, unique in the pool; absent (0) in the body that registers a new agent. Read from a number or a string of digits; otherwise 0.</summary>
    public int Id { get; init; }

    /// <summary>The agent name, unique in the pool. Read, it is <see langword="null"/> when the service left it out; a number reads as its text.</summary>
    public required string Name { get; init; }

    /// <summary>The agent software version, e.g. <c>4.260.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Whether the agent may take jobs. Absent: true; <c>null</c> or unreadable: false (not known to be enabled).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Online while the agent holds a session. Read by name (any case) or by the service's number (1 offline, 2 online);
    /// anything else, <c>null</c> included, is <see cref="TaskAgentStatus.Unknown"/>: not known to be online. Absent: offline.
    /// </summary>
    public TaskAgentStatus Status { get; init; }

    /// <summary>The operating system the agent runs on.</summary>
    public string? OsDescription { get; init; }

    /// <summary><c>Provisioned</c> for agents registered by <c>config.sh</c>.</summary>
    public string? ProvisioningState { get; init; }

    /// <summary>The agent's access point (unused by self-hosted agents).</summary>
    public string? AccessPoint { get; init; }
}
