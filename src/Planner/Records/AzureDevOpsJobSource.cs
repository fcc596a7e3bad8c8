using AspireAgents.AzureDevOps.Client;

namespace AspireAgents.Planner.Records;

/// <summary>Reads a pool's finished jobs from Azure DevOps (or the emulator) with the Scaler's client.</summary>
public static class AzureDevOpsJobSource
{
    /// <summary>
    /// Lists the pool's job requests with no query, which is the widest answer the service gives (its recent finished jobs
    /// with the queued and running ones), and keeps the finished ones.
    /// </summary>
    /// <param name="client">A client for the organisation.</param>
    /// <param name="pool">The pool's name.</param>
    /// <param name="top">Asks for at most this many requests (<c>$top</c>) when set.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="InvalidOperationException">The organisation has no pool of that name.</exception>
    public static async Task<JobRecording> ReadAsync(IAzureDevOpsClient client, string pool, long? top = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pools = await client.GetPoolsAsync(pool, cancellationToken).ConfigureAwait(false);
        var match = pools.FirstOrDefault(p => string.Equals(p.Name, pool, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{client.OrganizationUrl} has no agent pool named '{pool}'.");
        var answer = await client.GetJobRequestsAsync(match.Id, new JobRequestQuery(Top: top), cancellationToken).ConfigureAwait(false);
        var (jobs, _) = JobRecords.FromRequests(answer.Value ?? []);
        return new JobRecording { Source = $"{client.OrganizationUrl} pool {match.Name} ({match.Id})", Jobs = jobs };
    }
}
