namespace AspireAgents.Scaler.Caching;

/// <summary>How a shared-cache read was answered; a span and metric tag (<c>azp.cache.result</c>).</summary>
public enum CacheOutcome
{
    /// <summary>A value younger than the freshness window answered without a call.</summary>
    Hit,

    /// <summary>This caller started the call.</summary>
    Miss,

    /// <summary>This caller joined a call another caller had started.</summary>
    Coalesced,

    /// <summary>The call failed and the last good value, within the staleness bound, answered.</summary>
    Stale,

    /// <summary>Sharing is off: every read makes its own call.</summary>
    Bypass,
}
