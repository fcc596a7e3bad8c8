using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Telemetry;

namespace AspireAgents.DevOpsEmulator.Organization;

internal sealed partial class OrganizationState
{
    /// <summary>Pools, optionally only the one named <paramref name="poolName"/> or those with the given ids.</summary>
    public IReadOnlyList<TaskAgentPool> GetPools(string? poolName, IReadOnlyCollection<int>? poolIds)
    {
        lock (_gate)
        {
            return [.. _pools
                .Where(p => poolName is null || p.Name.Equals(poolName, StringComparison.OrdinalIgnoreCase))
                .Where(p => poolIds is null || poolIds.Contains(p.Id))
                .OrderBy(p => p.Id)
                .Select(p => p.ToWire(_options.ProjectId, ProjectCollectionAdministrator))];
        }
    }

    /// <summary>One pool.</summary>
    public TaskAgentPool GetPool(int poolId)
    {
        lock (_gate)
        {
            return FindPool(poolId).ToWire(_options.ProjectId, ProjectCollectionAdministrator);
        }
    }

    /// <summary>The agents of a pool, optionally only the one named <paramref name="agentName"/>.</summary>
    public IReadOnlyList<TaskAgent> GetAgents(int poolId, string? agentName, bool includeCapabilities, bool includeAssignedRequest)
    {
        lock (_gate)
        {
            return [.. FindPool(poolId).Agents
                .Where(a => agentName is null || a.Name.Equals(agentName, StringComparison.OrdinalIgnoreCase))
                .OrderBy(a => a.Id)
                .Select(a => AgentToWire(a, includeCapabilities, includeAssignedRequest))];
        }
    }

    /// <summary>One agent.</summary>
    public TaskAgent GetAgent(int poolId, int agentId, bool includeCapabilities, bool includeAssignedRequest)
    {
        lock (_gate)
        {
            return AgentToWire(FindAgent(poolId, agentId), includeCapabilities, includeAssignedRequest);
        }
    }

    /// <summary>Registers an agent (<c>config.sh</c>); its name must be new in the pool.</summary>
    public TaskAgent AddAgent(int poolId, TaskAgent agent, string authorizationUrl)
    {
        lock (_gate)
        {
            var pool = FindPool(poolId);
            var name = RequireName(agent);
            if (pool.Agents.Any(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw ServiceErrors.AgentExists(name, pool.Name);
            }

            var now = _time.GetUtcNow();
            var record = new AgentRecord(_nextAgentId++, pool) { Name = name, CreatedOn = now, StatusChangedOn = now };
            Apply(record, agent, authorizationUrl);
            pool.Agents.Add(record);
            _logger.AgentChanged(record.Name, record.Id, "registered", pool.Name);
            return AgentToWire(record, includeCapabilities: true, includeAssignedRequest: false);
        }
    }

    /// <summary>Replaces an agent's registration (<c>config.sh --replace</c>), keeping its id.</summary>
    public TaskAgent ReplaceAgent(int poolId, int agentId, TaskAgent agent, string authorizationUrl)
    {
        lock (_gate)
        {
            var record = FindAgent(poolId, agentId);
            var name = RequireName(agent);
            if (record.Pool.Agents.Any(a => a != record && a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw ServiceErrors.AgentExists(name, record.Pool.Name);
            }

            record.Name = name;
            Apply(record, agent, authorizationUrl);
            _logger.AgentChanged(record.Name, record.Id, "replaced", record.Pool.Name);
            AssignQueuedJobs();
            return AgentToWire(record, includeCapabilities: true, includeAssignedRequest: false);
        }
    }

    /// <summary>Removes an agent (<c>config.sh remove</c>); refused while it runs a job.</summary>
    public void DeleteAgent(int poolId, int agentId)
    {
        SessionRecord? closed;
        lock (_gate)
        {
            var record = FindAgent(poolId, agentId);
            if (record.AssignedJob is { } running)
            {
                throw ServiceErrors.AgentBusy(record.Name, running.RequestId);
            }

            closed = record.Session;
            if (closed is not null)
            {
                CloseSession(closed);
            }

            record.Pool.Agents.Remove(record);
            _logger.AgentChanged(record.Name, record.Id, "deleted", record.Pool.Name);
        }

        closed?.Wake();
    }

    private AgentRecord FindAgent(int poolId, int agentId) =>
        FindPool(poolId).Agents.FirstOrDefault(a => a.Id == agentId) ?? throw ServiceErrors.AgentNotFound(poolId, agentId);

    private static string RequireName(TaskAgent agent) =>
        string.IsNullOrWhiteSpace(agent.Name)
            ? throw ServiceErrors.InvalidArgument("agent.Name", "The agent name must not be empty.")
            : agent.Name;

    private static void Apply(AgentRecord record, TaskAgent agent, string authorizationUrl)
    {
        record.Version = agent.Version;
        record.OsDescription = agent.OsDescription;
        record.Enabled = agent.Enabled;
        record.MaxParallelism = Math.Max(1, agent.MaxParallelism);
        record.ProvisioningState = agent.ProvisioningState ?? "Provisioned";
        record.SystemCapabilities = new Dictionary<string, string>(agent.SystemCapabilities ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        record.UserCapabilities = new Dictionary<string, string>(agent.UserCapabilities ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        // The agent sends only its public key (azure-pipelines-agent src/Agent.Listener/Configuration/ConfigurationManager.cs:889-920);
        // the service answers with the OAuth client it made for that key (clientId, authorizationUrl), which the agent
        // then saves as its credential (ConfigurationManager.cs:803-835). A new key is a new client: tokens of the
        // previous registration stop working.
        if (agent.Authorization?.PublicKey is { } publicKey)
        {
            record.Authorization = new TaskAgentAuthorization(authorizationUrl, Guid.NewGuid(), publicKey);
        }
    }

    private TaskAgent AgentToWire(AgentRecord agent, bool includeCapabilities, bool includeAssignedRequest) =>
        agent.ToWire(includeCapabilities, includeAssignedRequest && agent.AssignedJob is { } job ? JobToWire(job, includeMatchedAgents: false) : null);
}
