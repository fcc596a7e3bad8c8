namespace AspireAgents.Scaler.Caching;

/// <summary>A shared read failed and no value young enough to serve instead was left.</summary>
public sealed class CacheFetchFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="innerException">Why the read failed.</param>
    /// <param name="lastGoodAt">When the last good value was read, if there ever was one.</param>
    public CacheFetchFailedException(Exception innerException, DateTimeOffset? lastGoodAt)
        : base(innerException?.Message, innerException)
    {
        LastGoodAt = lastGoodAt;
    }

    /// <summary>When the last good value was read, if there ever was one.</summary>
    public DateTimeOffset? LastGoodAt { get; }
}
