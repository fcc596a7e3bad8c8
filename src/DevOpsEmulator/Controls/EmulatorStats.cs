namespace AspireAgents.DevOpsEmulator.Controls;

/// <summary>The body of <c>GET /_emulator/stats</c>.</summary>
/// <param name="RequestsByRoute">Requests served, by <c>"METHOD route-template"</c>.</param>
/// <param name="Agents">Agent counts.</param>
/// <param name="Jobs">Job requests by state.</param>
public sealed record EmulatorStats(IReadOnlyDictionary<string, long> RequestsByRoute, AgentStats Agents, JobStats Jobs);

/// <summary>Agent counts.</summary>
/// <param name="Registered">Agents registered in any pool.</param>
/// <param name="Online">Agents holding a session now.</param>
/// <param name="OnlineMax">The most agents online at once since start or reset.</param>
public sealed record AgentStats(int Registered, int Online, int OnlineMax);

/// <summary>Job requests by state.</summary>
/// <param name="Queued">Waiting for an agent.</param>
/// <param name="Running">Assigned to an agent, not finished.</param>
/// <param name="Succeeded">Finished: succeeded (or with issues).</param>
/// <param name="Failed">Finished: failed, including those no agent could take.</param>
/// <param name="Canceled">Finished: cancelled.</param>
/// <param name="Abandoned">Finished: the agent's lock expired.</param>
public sealed record JobStats(int Queued, int Running, int Succeeded, int Failed, int Canceled, int Abandoned);
