using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.DevOps;

/// <summary>The runner's Azure DevOps calls, through the shared typed client.</summary>
internal sealed class AzureDevOpsAgentPoolApi(IAzureDevOpsClient client) : IAgentPoolApi
{
    /// <inheritdoc />
    public Task<TaskAgentPool?> FindPoolAsync(string poolName, CancellationToken cancellationToken) =>
        CallAsync(async () => (await client.GetPoolsAsync(poolName, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(p => string.Equals(p.Name, poolName, StringComparison.OrdinalIgnoreCase)));

    /// <inheritdoc />
    /// <remarks>
    /// The client reads answers leniently, so a package the service described without a version or a download address
    /// arrives with those left <see langword="null"/>; it cannot be installed, so it counts as no package offered.
    /// </remarks>
    public Task<PackageMetadata?> FindAgentPackageAsync(string platform, CancellationToken cancellationToken) =>
        CallAsync(async () => (await client.GetAgentPackagesAsync(platform, top: 1, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(p => p is { Version: not null, DownloadUrl: not null, Filename: not null }));

    /// <inheritdoc />
    public Task<TaskAgent?> FindAgentAsync(int poolId, string agentName, CancellationToken cancellationToken) =>
        CallAsync(async () => (await client.GetAgentsAsync(poolId, agentName, includeAssignedRequest: true, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(a => string.Equals(a.Name, agentName, StringComparison.OrdinalIgnoreCase)));

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskAgent>> ListAgentsAsync(int poolId, CancellationToken cancellationToken) =>
        await CallAsync(async () => await client.GetAgentsWithCapabilitiesAsync(poolId, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false) ?? [];

    /// <inheritdoc />
    public async Task<bool> DeleteAgentAsync(int poolId, int agentId, CancellationToken cancellationToken) =>
        await CallAsync<object>(async () =>
        {
            await client.DeleteAgentAsync(poolId, agentId, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskAgentJobRequest>> FindJobRequestsAsync(int poolId, int agentId, CancellationToken cancellationToken) =>
        await CallAsync(async () => (await client.GetAgentJobRequestsAsync(poolId, agentId, cancellationToken).ConfigureAwait(false)).Value).ConfigureAwait(false) ?? [];

    private static async Task<T?> CallAsync<T>(Func<Task<T?>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AzureDevOpsException e) when (e.Failure == AzureDevOpsFailure.NotFound)
        {
            return null;
        }
        catch (AzureDevOpsException e)
        {
            throw new AgentPoolApiException(e.ServiceMessage ?? e.Message, e.Failure is AzureDevOpsFailure.Authentication, e);
        }
    }
}
