namespace AspireAgents.Scaler.Caching;

/// <summary>A value from a <see cref="SharedCache{TKey, TValue}"/> and how it was obtained.</summary>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="FetchedAt">When the value was read from its source.</param>
/// <param name="Outcome">How this read was answered.</param>
public readonly record struct CacheRead<TValue>(TValue Value, DateTimeOffset FetchedAt, CacheOutcome Outcome);
