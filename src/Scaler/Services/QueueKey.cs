using AspireAgents.AzureDevOps.Client;

namespace AspireAgents.Scaler.Services;

/// <summary>What callers share a job-list read by: the organisation, the pool, the exact query and the credential.</summary>
/// <param name="Organization">The organisation URL.</param>
/// <param name="PoolId">The pool id.</param>
/// <param name="Query">The job-request query.</param>
/// <param name="CredentialKey">Which credential reads (callers with different PATs never share).</param>
public readonly record struct QueueKey(string Organization, int PoolId, JobRequestQuery Query, string CredentialKey);

/// <summary>What callers share a pool look-up by.</summary>
/// <param name="Organization">The organisation URL.</param>
/// <param name="PoolName">The pool's name, when looked up by name.</param>
/// <param name="PoolId">The pool's id, when validated by id.</param>
/// <param name="CredentialKey">Which credential reads.</param>
public readonly record struct PoolKey(string Organization, string? PoolName, int PoolId, string CredentialKey);
