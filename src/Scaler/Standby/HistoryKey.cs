namespace AspireAgents.Scaler.Standby;

/// <summary>Whose finished jobs a history holds: the organisation, the pool and the credential that read them.</summary>
/// <param name="Organization">The organisation URL.</param>
/// <param name="PoolId">The pool id.</param>
/// <param name="CredentialKey">Which credential read (callers with different PATs never share).</param>
public readonly record struct HistoryKey(string Organization, int PoolId, string CredentialKey);
