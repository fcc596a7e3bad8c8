using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>An agent's OAuth client: what the token endpoint needs to check an assertion the agent signed.</summary>
/// <param name="PoolId">The agent's pool.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="AgentName">Its name, for messages.</param>
/// <param name="ClientId">The client id the service gave it at registration (<c>authorization.clientId</c>).</param>
/// <param name="AuthorizationUrl">Where it exchanges assertions for tokens; also their audience.</param>
/// <param name="PublicKey">The public half of the key it registered.</param>
internal sealed record AgentClient(int PoolId, int AgentId, string AgentName, Guid ClientId, string AuthorizationUrl, TaskAgentPublicKey PublicKey);
