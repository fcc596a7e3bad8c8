namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>A per-identity request budget in a sliding window, as Azure DevOps enforces with TSTUs.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Requests allowed per identity within <see cref="Window"/> (each request costs one unit).</summary>
    public int Limit { get; set; } = 200;

    /// <summary>The sliding window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
