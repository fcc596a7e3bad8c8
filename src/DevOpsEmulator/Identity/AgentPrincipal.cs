namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>The agent an agent access token was issued to.</summary>
/// <param name="PoolId">Its pool.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="AgentName">Its name.</param>
/// <param name="ClientId">The OAuth client the token was issued to.</param>
internal sealed record AgentPrincipal(int PoolId, int AgentId, string AgentName, Guid ClientId);
