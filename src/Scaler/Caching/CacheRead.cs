namespace AspireAgents.Scaler.Caching;

/// <summary>A value from a <see cref="SharedCache{TKey, TValue}"/> and how it was obtained.</summary>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="FetchedAt">When the value was read from its source.</param>
/// <param name="Outcome">How this read was answered.</param>
/// <param name="FetchedBy">The span current when the value was read from its source (default when none was): a read
/// answered from the cache links to it.</param>
/// <param name="Failure">Why a <see cref="CacheOutcome.Stale"/> value answered: the failure of the read it stands in for.</param>
public readonly record struct CacheRead<TValue>(TValue Value, DateTimeOffset FetchedAt, CacheOutcome Outcome, System.Diagnostics.ActivityContext FetchedBy = default, Exception? Failure = null);
