using System.Collections.Concurrent;
using System.Diagnostics;

namespace AspireAgents.Scaler.Caching;

/// <summary>
/// Single flight plus a short cache: all callers asking for the same key within <see cref="SharedCacheSettings.FreshFor"/>
/// share one call and its result; callers arriving while a call is under way join it. When a call fails, the last good
/// value answers while it is younger than <see cref="SharedCacheSettings.ServeStaleFor"/>; after that callers get a
/// <see cref="CacheFetchFailedException"/>. A failure is not retried before <see cref="SharedCacheSettings.RetryFailureAfter"/>,
/// so a failing source is not hammered. Calls run on the cache's lifetime, not a caller's: a caller that gives up does
/// not cancel the call for the others.
/// </summary>
/// <typeparam name="TKey">What identifies a value.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class SharedCache<TKey, TValue> : IDisposable
    where TKey : notnull
{
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly SharedCacheSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TimeSpan _evictAfter;
    private long _lastSweepTicks;

    /// <summary>Creates a cache.</summary>
    /// <param name="settings">How values are shared and kept.</param>
    /// <param name="timeProvider">The clock.</param>
    public SharedCache(SharedCacheSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _timeProvider = timeProvider;
        _evictAfter = (settings.ServeStaleFor > settings.FreshFor ? settings.ServeStaleFor : settings.FreshFor) + TimeSpan.FromMinutes(10);
        _lastSweepTicks = timeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>How many keys the cache holds.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the value for <paramref name="key"/>: cached, joined, fetched, or stale after a failure.</summary>
    /// <typeparam name="TState">State passed to <paramref name="fetch"/> (lets callers avoid closures).</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="state">State for <paramref name="fetch"/>.</param>
    /// <param name="fetch">Reads the value from its source.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (not the shared call).</param>
    /// <returns>The value and how it was obtained.</returns>
    /// <exception cref="CacheFetchFailedException">The call failed and no value young enough was left.</exception>
    public ValueTask<CacheRead<TValue>> GetAsync<TState>(TKey key, TState state, Func<TKey, TState, CancellationToken, Task<TValue>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (!_settings.Enabled)
        {
            return BypassAsync(key, state, fetch, cancellationToken);
        }

        var now = _timeProvider.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry))
        {
            // Keys come from callers: past the cap a new key is served without being kept, so the cache stays bounded
            // and the keys already shared keep their sharing. The count may overshoot by the number of racing callers.
            if (_entries.Count >= _settings.MaxEntries && !SweepNow(now.UtcTicks))
            {
                return BypassAsync(key, state, fetch, cancellationToken);
            }

            entry = _entries.GetOrAdd(key, static _ => new Entry());
        }

        entry.LastUsedTicks = now.UtcTicks;
        if (entry.Good is { } good && now - good.FetchedAt < _settings.FreshFor)
        {
            return ValueTask.FromResult(new CacheRead<TValue>(good.Value, good.FetchedAt, CacheOutcome.Hit, good.FetchedBy));
        }

        if (entry.Failure is { } failure && now - failure.At < _settings.RetryFailureAfter && entry.InFlight is null)
        {
            return ValueTask.FromResult(StaleOrThrow(entry, now, failure.Error));
        }

        return SharedAsync(entry, key, state, fetch, cancellationToken);
    }

    /// <summary>Forgets every value.</summary>
    public void Clear() => _entries.Clear();

    /// <inheritdoc />
    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private async ValueTask<CacheRead<TValue>> SharedAsync<TState>(Entry entry, TKey key, TState state, Func<TKey, TState, CancellationToken, Task<TValue>> fetch, CancellationToken cancellationToken)
    {
        Task<Snapshot> call;
        TaskCompletionSource<Snapshot>? owner = null;
        lock (entry)
        {
            if (entry.InFlight is { } inFlight)
            {
                call = inFlight;
            }
            else
            {
                owner = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                entry.InFlight = call = owner.Task;
            }
        }

        if (owner is not null)
        {
            _ = FetchAsync(entry, key, state, fetch, owner);
        }

        try
        {
            var snapshot = await call.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new CacheRead<TValue>(snapshot.Value, snapshot.FetchedAt, owner is null ? CacheOutcome.Coalesced : CacheOutcome.Miss, snapshot.FetchedBy);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return StaleOrThrow(entry, _timeProvider.GetUtcNow(), ex);
        }
    }

    private async Task FetchAsync<TState>(Entry entry, TKey key, TState state, Func<TKey, TState, CancellationToken, Task<TValue>> fetch, TaskCompletionSource<Snapshot> owner)
    {
        // The span of the caller that made the call: later readers of the value link to it.
        var fetchedBy = Activity.Current?.Context ?? default;
        try
        {
            var value = await fetch(key, state, _lifetime.Token).ConfigureAwait(false);
            var snapshot = new Snapshot(value, _timeProvider.GetUtcNow(), fetchedBy);
            lock (entry)
            {
                entry.Good = snapshot;
                entry.Failure = null;
                entry.InFlight = null;
            }

            owner.SetResult(snapshot);
        }
        catch (Exception ex)
        {
            lock (entry)
            {
                entry.Failure = new FailureRecord(ex, _timeProvider.GetUtcNow());
                entry.InFlight = null;
            }

            owner.SetException(ex);
            _ = owner.Task.Exception; // Observed here: callers may all have given up.
        }

        SweepIfDue();
    }

    private async ValueTask<CacheRead<TValue>> BypassAsync<TState>(TKey key, TState state, Func<TKey, TState, CancellationToken, Task<TValue>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            var value = await fetch(key, state, cancellationToken).ConfigureAwait(false);
            return new CacheRead<TValue>(value, _timeProvider.GetUtcNow(), CacheOutcome.Bypass, Activity.Current?.Context ?? default);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CacheFetchFailedException(ex, lastGoodAt: null);
        }
    }

    private CacheRead<TValue> StaleOrThrow(Entry entry, DateTimeOffset now, Exception error)
    {
        var good = entry.Good;
        if (good is not null && now - good.FetchedAt <= _settings.ServeStaleFor)
        {
            return new CacheRead<TValue>(good.Value, good.FetchedAt, CacheOutcome.Stale, good.FetchedBy, error);
        }

        throw new CacheFetchFailedException(error, good?.FetchedAt);
    }

    private void SweepIfDue()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now - last < s_sweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now, last) != last)
        {
            return;
        }

        SweepNow(now);
    }

    /// <summary>Removes entries unused for longer than they can serve; true when that left room for a new key.</summary>
    private bool SweepNow(long nowTicks)
    {
        foreach (var (key, entry) in _entries)
        {
            if (nowTicks - entry.LastUsedTicks > _evictAfter.Ticks && entry.InFlight is null)
            {
                _entries.TryRemove(key, out _);
            }
        }

        return _entries.Count < _settings.MaxEntries;
    }

    private sealed record Snapshot(TValue Value, DateTimeOffset FetchedAt, ActivityContext FetchedBy);

    private sealed record FailureRecord(Exception Error, DateTimeOffset At);

    private sealed class Entry
    {
        public volatile Snapshot? Good;
        public volatile FailureRecord? Failure;
        public volatile Task<Snapshot>? InFlight;
        public long LastUsedTicks;
    }
}
