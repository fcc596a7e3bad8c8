using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// Whether an agent holds a session with the service. Azure DevOps sends it as a string, or as 1 (offline) and
/// 2 (online).
/// </summary>
public enum TaskAgentStatus
{
    /// <summary>A status this client does not know, read but never sent: the agent is not known to be online.</summary>
    Unknown = -1,

    /// <summary>No open session: the agent cannot take jobs.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline,

    /// <summary>The agent holds a session and listens for jobs.</summary>
    [JsonStringEnumMemberName("online")]
    Online,
}
