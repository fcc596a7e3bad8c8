using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AzureDevOps.Client;

/// <summary>
/// The Azure DevOps distributedtask surface AspireAgents uses: pools, job requests, agents, listener sessions and
/// messages, agent packages and pipeline runs, for one organisation. Failures throw <see cref="AzureDevOpsException"/>
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

    /// <summary><c>PATCH …/jobrequests/{requestId}?lockToken=</c>: renews the agent's lock on a running job.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="requestId">The job request id.</param>
    /// <param name="lockToken">The id of the session that received the job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request with its new <c>lockedUntil</c>.</returns>
    Task<TaskAgentJobRequest> RenewJobRequestAsync(int poolId, long requestId, Guid lockToken, CancellationToken cancellationToken = default);

    /// <summary><c>PATCH …/jobrequests/{requestId}?lockToken=</c> with a result: finishes the job.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="requestId">The job request id.</param>
    /// <param name="lockToken">The id of the session that received the job.</param>
    /// <param name="result">How the job ended.</param>
    /// <param name="finishTime">When it ended.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The finished request.</returns>
    Task<TaskAgentJobRequest> FinishJobRequestAsync(int poolId, long requestId, Guid lockToken, TaskResult result, DateTimeOffset finishTime, CancellationToken cancellationToken = default);

    /// <summary><c>GET …/pools/{poolId}/agents[?agentName=][&amp;includeAssignedRequest=true]</c>: the pool's agents, or the one with that name.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agentName">Filters by exact name when set.</param>
    /// <param name="includeAssignedRequest">Also return each agent's running job (<see cref="TaskAgent.AssignedRequest"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agents.</returns>
    Task<IReadOnlyList<TaskAgent>> GetAgentsAsync(int poolId, string? agentName = null, bool includeAssignedRequest = false, CancellationToken cancellationToken = default);

    /// <summary><c>POST …/pools/{poolId}/agents</c>: registers an agent.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agent">The agent (name, version, capabilities, public key).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered agent with its id.</returns>
    Task<TaskAgent> AddAgentAsync(int poolId, TaskAgent agent, CancellationToken cancellationToken = default);

    /// <summary><c>PUT …/pools/{poolId}/agents/{agentId}</c>: replaces an agent's registration (<c>--replace</c>).</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agentId">The existing agent's id.</param>
    /// <param name="agent">The new registration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered agent.</returns>
    Task<TaskAgent> ReplaceAgentAsync(int poolId, int agentId, TaskAgent agent, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE …/pools/{poolId}/agents/{agentId}</c>: removes an agent (409 while it runs a job).</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the agent is removed.</returns>
    Task DeleteAgentAsync(int poolId, int agentId, CancellationToken cancellationToken = default);

    /// <summary><c>POST …/pools/{poolId}/sessions</c>: opens a listener session; the agent is online while it exists.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="session">Owner name and agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session with its id.</returns>
    Task<TaskAgentSession> CreateSessionAsync(int poolId, TaskAgentSession session, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE …/pools/{poolId}/sessions/{sessionId}</c>: closes the session; the agent goes offline.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the session is closed.</returns>
    Task DeleteSessionAsync(int poolId, Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET …/pools/{poolId}/messages?sessionId=&amp;lastMessageId=</c>: long-polls for the next message (up to about
    /// 50 s on the service's side).
    /// </summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="lastMessageId">The last message handled, if any.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message, or <see langword="null"/> when the wait ended with none (204).</returns>
    Task<TaskAgentMessage?> GetMessageAsync(int poolId, Guid sessionId, long? lastMessageId = null, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE …/pools/{poolId}/messages/{messageId}?sessionId=</c>: acknowledges a message.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the message is deleted.</returns>
    Task DeleteMessageAsync(int poolId, Guid sessionId, long messageId, CancellationToken cancellationToken = default);

    /// <summary><c>GET _apis/distributedtask/packages/agent?platform=&amp;top=</c>: the newest agent packages for a platform.</summary>
    /// <param name="platform">A runtime id such as <c>linux-x64</c>.</param>
    /// <param name="top">How many to return; 1 by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The packages, newest first.</returns>
    Task<IReadOnlyList<PackageMetadata>> GetAgentPackagesAsync(string platform, int top = 1, CancellationToken cancellationToken = default);

    /// <summary><c>GET {project}/_apis/pipelines</c>: the project's pipelines.</summary>
    /// <param name="project">The project name or id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pipelines.</returns>
    Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(string project, CancellationToken cancellationToken = default);

    /// <summary><c>POST {project}/_apis/pipelines/{pipelineId}/runs</c>: queues a run.</summary>
    /// <param name="project">The project name or id.</param>
    /// <param name="pipelineId">The pipeline id.</param>
    /// <param name="parameters">Template parameters, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queued run.</returns>
    Task<PipelineRun> RunPipelineAsync(string project, int pipelineId, RunPipelineParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET {project}/_apis/pipelines/{pipelineId}/runs/{runId}</c>: a run's state and result.</summary>
    /// <param name="project">The project name or id.</param>
    /// <param name="pipelineId">The pipeline id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    Task<PipelineRun> GetPipelineRunAsync(string project, int pipelineId, int runId, CancellationToken cancellationToken = default);
}
