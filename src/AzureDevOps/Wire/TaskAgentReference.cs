namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// The short form of an agent (<c>TaskAgentReference</c>), as it appears in a job request's
/// <c>reservedAgent</c> and <c>matchedAgents</c>.
/// </summary>
public record TaskAgentReference
{
    /// <summary>The agent id, unique in the pool; absent (0) in the body that registers a new agent.</summary>
    public int Id { get; init; }

    /// <summary>The agent name, unique in the pool.</summary>
    public required string Name { get; init; }

    /// <summary>The agent software version, e.g. <c>4.260.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Whether the agent may take jobs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Online while the agent holds a session.</summary>
    public TaskAgentStatus Status { get; init; }

    /// <summary>The operating system the agent runs on.</summary>
    public string? OsDescription { get; init; }

    /// <summary><c>Provisioned</c> for agents registered by <c>config.sh</c>.</summary>
    public string? ProvisioningState { get; init; }

    /// <summary>The agent's access point (unused by self-hosted agents).</summary>
    public string? AccessPoint { get; init; }
}
