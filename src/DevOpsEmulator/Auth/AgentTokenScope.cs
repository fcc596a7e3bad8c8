using AspireAgents.DevOpsEmulator.Identity;
using AspireAgents.DevOpsEmulator.Organization;

namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>
/// What an agent's own access token may do: only what a listener and its job do for that one agent — its
/// sessions and their messages, the job request reserved for it, the logs of that job's plan, and
/// <c>connectionData</c>. Registration and removal stay with the registration credential.
/// </summary>
internal static class AgentTokenScope
{
    /// <summary>Why the agent may not make this request; <see langword="null"/> when it may.</summary>
    public static string? Refusal(HttpContext context, AgentPrincipal agent, OrganizationState state)
    {
        if (!state.IsCurrentClient(agent.PoolId, agent.AgentId, agent.ClientId))
        {
            return $"agent {agent.AgentName} was removed or registered again since its token was issued";
        }

        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name == "GetConnectionData")
        {
            return null;
        }

        if (name is "CreateTaskLog" or "AppendTaskLog")
        {
            return Guid.TryParse(context.Request.RouteValues["planId"] as string, out var planId) && state.PlanAgentId(planId) is { } holder && holder != agent.AgentId
                ? $"the plan {planId} is not the job of agent {agent.AgentName}"
                : null;
        }

        if (!int.TryParse(context.Request.RouteValues["poolId"] as string, out var poolId))
        {
            return $"an agent's token is only for its own session, messages and job; not for {context.Request.Method} {context.Request.Path}";
        }

        if (poolId != agent.PoolId)
        {
            return $"agent {agent.AgentName} is in pool {agent.PoolId}, not {poolId}";
        }

        switch (name)
        {
            case "CreateAgentSession":
                // The body names the agent: the handler compares it (SessionsApi).
                return null;
            case "DeleteAgentSession" or "GetAgentMessage" or "DeleteAgentMessage":
                var sessionText = context.Request.RouteValues["sessionId"] as string ?? context.Request.Query["sessionId"].ToString();
                return Guid.TryParse(sessionText, out var sessionId) && state.SessionAgentId(sessionId) is { } owner && owner != agent.AgentId
                    ? $"the session {sessionId} is not a session of agent {agent.AgentName}"
                    : null;
            case "GetJobRequest" or "UpdateJobRequest":
                return long.TryParse(context.Request.RouteValues["requestId"] as string, out var requestId) && state.JobAgentId(poolId, requestId) is { } reserved && reserved != agent.AgentId
                    ? $"the job request {requestId} is not reserved for agent {agent.AgentName}"
                    : null;
            default:
                return $"an agent's token is only for its own session, messages and job; not for {context.Request.Method} {context.Request.Path}";
        }
    }
}
