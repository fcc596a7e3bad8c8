using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AzureDevOps.Client;

/// <summary>
/// The Azure DevOps distributedtask calls AspireAgents' services make, for one organisation: pools, job requests,
/// agents and agent packages. Failures throw <see cref="AzureDevOpsException"/>
/// (<see cref="AzureDevOpsAuthenticationException"/> when the credentials were not accepted).
/// </summary>
public interface IAzureDevOpsClient
{
    /// <summary>The organisation's address, e.g. <c>https://dev.azure.com/contoso</c>.</summary>
    Uri OrganizationUrl { get; }

    /// <summary><c>GET _apis/distributedtask/pools[?poolName=]</c>: the pools, or those with the given name.</summary>
    /// <param name="poolName">Filters by exact name when set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pools.</returns>
    Task<IReadOnlyList<TaskAgentPool>> GetPoolsAsync(string? poolName = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET _apis/distributedtask/pools?poolID=</c>: the pool with that id, or <see langword="null"/>.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pool, or <see langword="null"/> when the organisation has none with that id.</returns>
    Task<TaskAgentPool?> GetPoolAsync(int poolId, CancellationToken cancellationToken = default);

    /// <summary><c>GET _apis/distributedtask/pools/{poolId}/jobrequests</c>: the pool's recent and queued jobs.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="query">The query (<c>$top</c>, <c>completedRequestCount=0</c>); none by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job requests as the service listed them.</returns>
    Task<ListResponse<TaskAgentJobRequest>> GetJobRequestsAsync(int poolId, JobRequestQuery query = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// The job requests of one agent: those it has not finished and the last one it finished
    /// (<c>?agentId=…&amp;completedRequestCount=1</c>).
    /// </summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The agent's requests.</returns>
    Task<ListResponse<TaskAgentJobRequest>> GetAgentJobRequestsAsync(int poolId, int agentId, CancellationToken cancellationToken = default);

    /// <summary><c>GET …/pools/{poolId}/agents[?agentName=][&amp;includeAssignedRequest=true]</c>: the pool's agents, or the one with that name.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agentName">Filters by exact name when set.</param>
    /// <param name="includeAssignedRequest">Also return each agent's running job (<see cref="TaskAgent.AssignedRequest"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agents.</returns>
    Task<IReadOnlyList<TaskAgent>> GetAgentsAsync(int poolId, string? agentName = null, bool includeAssignedRequest = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET …/pools/{poolId}/agents?includeCapabilities=true&amp;includeAssignedRequest=true</c>: every agent of the
    /// pool with its capabilities (<see cref="TaskAgent.SystemCapabilities"/>, <see cref="TaskAgent.UserCapabilities"/>)
    /// and its running job.
    /// </summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agents.</returns>
    Task<IReadOnlyList<TaskAgent>> GetAgentsWithCapabilitiesAsync(int poolId, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE …/pools/{poolId}/agents/{agentId}</c>: removes an agent (409 while it runs a job).</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the agent is removed.</returns>
    Task DeleteAgentAsync(int poolId, int agentId, CancellationToken cancellationToken = default);

    /// <summary><c>GET _apis/distributedtask/packages/agent?platform=&amp;top=</c>: the newest agent packages for a platform.</summary>
    /// <param name="platform">A runtime id such as <c>linux-x64</c>.</param>
    /// <param name="top">How many to return; 1 by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The packages, newest first.</returns>
    Task<IReadOnlyList<PackageMetadata>> GetAgentPackagesAsync(string platform, int top = 1, CancellationToken cancellationToken = default);}
