namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// A registered agent (<c>TaskAgent</c>): what <c>config.sh</c> posts to add or replace an agent and what
/// the agents list returns.
/// </summary>
public sealed record TaskAgent : TaskAgentReference
{
    /// <summary>How many jobs the agent runs at once; always 1 for the pipeline agent.</summary>
    public int MaxParallelism { get; set; } = 1;

    /// <summary>When the agent was registered.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>When <see cref="TaskAgentReference.Status"/> last changed.</summary>
    public DateTimeOffset? StatusChangedOn { get; init; }

    /// <summary>Capabilities the agent detected (<c>Agent.OS</c>, <c>Agent.Version</c>, tools on PATH…).</summary>
    public IReadOnlyDictionary<string, string>? SystemCapabilities { get; init; }

    /// <summary>Capabilities an administrator added.</summary>
    public IReadOnlyDictionary<string, string>? UserCapabilities { get; init; }

    /// <summary>The key the agent authenticates its sessions with.</summary>
    public TaskAgentAuthorization? Authorization { get; init; }

    /// <summary>The job the agent is running, when asked for with <c>includeAssignedRequest</c>; read leniently as every job request.</summary>
    public TaskAgentJobRequest? AssignedRequest { get; init; }
}

/// <summary>The agent's OAuth registration (<c>TaskAgentAuthorization</c>).</summary>
/// <param name="AuthorizationUrl">Where the agent exchanges its signed assertion for a token.</param>
/// <param name="ClientId">The agent's OAuth client id.</param>
/// <param name="PublicKey">The RSA public key the agent generated at configuration.</param>
public sealed record TaskAgentAuthorization(string? AuthorizationUrl, Guid? ClientId, TaskAgentPublicKey? PublicKey);

/// <summary>An RSA public key as base64 exponent and modulus (<c>TaskAgentPublicKey</c>).</summary>
/// <param name="Exponent">The base64 exponent.</param>
/// <param name="Modulus">The base64 modulus.</param>
public sealed record TaskAgentPublicKey(string Exponent, string Modulus);
