using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Maintenance;

/// <summary>Agents as the pool lists them, for the maintenance rules.</summary>
internal static class Agents
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static int s_nextId = 100;

    /// <summary>An agent registered <paramref name="minutesAgo"/> minutes before <see cref="Now"/>.</summary>
    public static TaskAgent Agent(
        string name, double minutesAgo = 60, TaskAgentStatus status = TaskAgentStatus.Offline, bool busy = false,
        IReadOnlyDictionary<string, string>? capabilities = null, string version = "4.260.0") => new()
    {
        Id = Interlocked.Increment(ref s_nextId),
        Name = name,
        Status = status,
        Version = version,
        CreatedOn = Now.AddMinutes(-minutesAgo),
        AssignedRequest = busy ? new TaskAgentJobRequest { RequestId = 7 } : null,
        SystemCapabilities = capabilities ?? Capabilities(name),
    };

    /// <summary>What an agent of the image advertises: <c>Agent.*</c>, its tools and its environment.</summary>
    public static Dictionary<string, string> Capabilities(string name, string version = "4.260.0") => new()
    {
        ["Agent.Name"] = name,
        ["Agent.Version"] = version,
        ["Agent.OS"] = "Linux",
        ["Agent.OSArchitecture"] = "X64",
        ["git"] = "/usr/bin/git",
        ["CONTAINER_APP_REPLICA_NAME"] = name,
        ["HOSTNAME"] = name,
        ["AZP_POOL"] = "aca-agents",
    };
}
