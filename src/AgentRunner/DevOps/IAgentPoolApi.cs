using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.DevOps;

/// <summary>The Azure DevOps calls the runner makes itself (the agent's scripts register and listen).</summary>
internal interface IAgentPoolApi
{
    /// <summary>The pool named <paramref name="poolName"/>, or <see langword="null"/> when the identity sees none.</summary>
    Task<TaskAgentPool?> FindPoolAsync(string poolName, CancellationToken cancellationToken);

    /// <summary>The newest agent package for <paramref name="platform"/>, or <see langword="null"/> when none is offered.</summary>
    Task<PackageMetadata?> FindAgentPackageAsync(string platform, CancellationToken cancellationToken);

    /// <summary>The agent named <paramref name="agentName"/> with the job it runs, or <see langword="null"/>.</summary>
    Task<TaskAgent?> FindAgentAsync(int poolId, string agentName, CancellationToken cancellationToken);

    /// <summary>Every agent of the pool with its capabilities and the job it runs.</summary>
    Task<IReadOnlyList<TaskAgent>> ListAgentsAsync(int poolId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes agent <paramref name="agentId"/> from the pool: what <c>config.sh remove</c> does on the service.
    /// <see langword="false"/> when it was not there (any more).
    /// </summary>
    /// <exception cref="AgentPoolApiException">The service refused, e.g. because the agent still runs a job.</exception>
    Task<bool> DeleteAgentAsync(int poolId, int agentId, CancellationToken cancellationToken);

    /// <summary>The job requests of agent <paramref name="agentId"/>: unfinished ones and the latest finished one.</summary>
    Task<IReadOnlyList<TaskAgentJobRequest>> FindJobRequestsAsync(int poolId, int agentId, CancellationToken cancellationToken);
}
