namespace AspireAgents.Scaler.Configuration;

/// <summary>
/// Caps on what the scaler keeps per distinct caller input (<c>Scaler:Limits</c>). Every gRPC caller chooses its
/// metadata, scaled-object names and pools, so anything keyed by them is bounded here whatever callers send.
/// </summary>
public sealed class ScalerLimitsOptions
{
    /// <summary>Parsed metadata maps remembered. Default 1024; past it the cache starts over.</summary>
    public int MetadataCacheEntries { get; set; } = 1024;

    /// <summary>
    /// Total size of the remembered metadata maps, counted as UTF-16 bytes of their keys and values. Default 4 MiB; a map
    /// larger than this alone is parsed on every call instead of being remembered.
    /// </summary>
    public long MetadataCacheBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Keys each shared cache (pool look-ups, job lists) holds. Default 1024; past it a new key is read without being
    /// kept (cache result <c>bypass</c>), so keys already there keep their sharing.
    /// </summary>
    public int SharedCacheEntries { get; set; } = 1024;

    /// <summary>
    /// Series of the <c>azp.scaler.queue_length</c> gauge (one per organisation, pool and scaled object). Default 500;
    /// past it, further triggers report into one series whose tags are all <c>_other</c>.
    /// </summary>
    public int MetricSeries { get; set; } = 500;

    /// <summary>
    /// Distinct counting rules (demands, parent, flags) whose counts are kept per job-list read. Default 256; past it,
    /// counts are computed on each call and not kept.
    /// </summary>
    public int CountsPerRead { get; set; } = 256;
}
