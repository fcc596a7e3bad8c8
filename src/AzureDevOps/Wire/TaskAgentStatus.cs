using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>Whether an agent holds a session with the service.</summary>
public enum TaskAgentStatus
{
    /// <summary>No open session: the agent cannot take jobs.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline,

    /// <summary>The agent holds a session and listens for jobs.</summary>
    [JsonStringEnumMemberName("online")]
    Online,
}
