namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// A listener session (<c>TaskAgentSession</c>): an agent creates one to go online and deletes it to go
/// offline; its messages are long-polled with the session id.
/// </summary>
public sealed record TaskAgentSession
{
    /// <summary>Assigned by the service when the session is created.</summary>
    public Guid SessionId { get; init; }

    /// <summary>The listener process that owns the session, e.g. host name and process id.</summary>
    public required string OwnerName { get; init; }

    /// <summary>The agent the session is for.</summary>
    public required TaskAgentReference Agent { get; init; }

    /// <summary>The agent's capabilities at session start.</summary>
    public IReadOnlyDictionary<string, string>? SystemCapabilities { get; init; }
}
