namespace AspireAgents.Scaler.Configuration;

/// <summary>The scaler's own settings, bound from the <c>Scaler</c> configuration section.</summary>
public sealed class ScalerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scaler";

    /// <summary>
    /// How long a pool's job list, once read, answers every caller asking about the same (organisation, pool, query)
    /// without another Azure DevOps call. Callers arriving while a read is under way share it. Default 2 s.
    /// </summary>
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How old the last good job list may be and still be served while Azure DevOps fails; after that the RPC fails
    /// with <c>Unavailable</c> (so KEDA's fallback applies) instead of answering 0. Default 2 minutes.
    /// </summary>
    public TimeSpan StalenessBound { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether callers share reads (single flight plus the freshness window, and remembered pool ids). Off makes every
    /// RPC call Azure DevOps itself, as a scaler without sharing would; for comparison only. Default on.
    /// </summary>
    public bool ShareRequests { get; set; } = true;

    /// <summary>How long a pool name's id (or a pool id's existence) is remembered. Default 5 minutes.</summary>
    public TimeSpan PoolCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an open <c>StreamIsActive</c> re-evaluates activity (reads come from the shared cache). Default 5 s.</summary>
    public TimeSpan StreamInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hosts (<c>name</c> or <c>name:port</c>) besides Azure DevOps Services that may receive the scaler's credential over
    /// https: Azure DevOps Server, or a proxy in front of Azure DevOps. Empty by default: only
    /// <c>https://dev.azure.com/{org}</c>, <c>https://{org}.visualstudio.com</c> and loopback hosts are allowed.
    /// </summary>
    public IList<string> AllowedOrganizationHosts { get; } = [];

    /// <summary>Serve gRPC reflection (for <c>grpcurl</c> without the <c>.proto</c>). Default off: it tells anyone who can connect what the server offers.</summary>
    public bool EnableReflection { get; set; }

    /// <summary>Caps on what is kept per distinct caller input.</summary>
    public ScalerLimitsOptions Limits { get; set; } = new();

    /// <summary>Optional TLS and client-certificate (mTLS) settings; plain HTTP/2 (h2c) when none are set.</summary>
    public ScalerTlsOptions Tls { get; set; } = new();
}
