namespace AspireAgents.DevOpsEmulator.Organization;

internal sealed partial class OrganizationState
{
    /// <summary>The registered agent whose OAuth client id is <paramref name="clientId"/>, if any.</summary>
    public AgentClient? FindAgentClient(Guid clientId)
    {
        lock (_gate)
        {
            var agent = AllAgents.FirstOrDefault(a => a.Authorization?.ClientId == clientId);
            return agent?.Authorization is { PublicKey: { } key, AuthorizationUrl: { } url }
                ? new AgentClient(agent.Pool.Id, agent.Id, agent.Name, clientId, url, key)
                : null;
        }
    }

    /// <summary>
    /// Whether <paramref name="clientId"/> is still the agent's client: a token outlives neither the agent's removal
    /// nor a new registration (<c>--replace</c>), which gives the agent a new key and client.
    /// </summary>
    public bool IsCurrentClient(int poolId, int agentId, Guid clientId)
    {
        lock (_gate)
        {
            return _pools.FirstOrDefault(p => p.Id == poolId)?.Agents.FirstOrDefault(a => a.Id == agentId)?.Authorization?.ClientId == clientId;
        }
    }

    /// <summary>The agent that owns session <paramref name="sessionId"/>, if it exists.</summary>
    public int? SessionAgentId(Guid sessionId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(sessionId, out var session) ? session.Agent.Id : null;
        }
    }

    /// <summary>The agent job request <paramref name="requestId"/> is reserved for; 0 when it is for none, null when there is no such request.</summary>
    public int? JobAgentId(int poolId, long requestId)
    {
        lock (_gate)
        {
            var job = _jobs.FirstOrDefault(j => j.RequestId == requestId && j.Pool.Id == poolId);
            return job is null ? null : job.ReservedAgent?.Id ?? 0;
        }
    }

    /// <summary>The agent that holds the job of plan <paramref name="planId"/>; 0 when none does, null when there is no such plan.</summary>
    public int? PlanAgentId(Guid planId)
    {
        lock (_gate)
        {
            var job = _jobs.FirstOrDefault(j => j.PlanId == planId);
            return job is null ? null : job.ReservedAgent?.Id ?? 0;
        }
    }
}
