namespace AspireAgents.Scaler.Caching;

/// <summary>How a <see cref="SharedCache{TKey, TValue}"/> shares and keeps values.</summary>
/// <param name="FreshFor">How long a value answers without a new call.</param>
/// <param name="ServeStaleFor">How old the last good value may be and still answer when a call fails.</param>
/// <param name="RetryFailureAfter">How long after a failed call the next call may be made; callers meanwhile get the stale value or the failure.</param>
/// <param name="Enabled">When off, every read makes its own call and nothing is kept.</param>
/// <param name="MaxEntries">How many keys are kept; a new key past it is read without being kept.</param>
public sealed record SharedCacheSettings(TimeSpan FreshFor, TimeSpan ServeStaleFor, TimeSpan RetryFailureAfter, bool Enabled = true, int MaxEntries = int.MaxValue);
