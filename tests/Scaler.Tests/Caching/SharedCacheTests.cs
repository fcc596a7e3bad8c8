using AspireAgents.Scaler.Caching;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.Scaler.Tests.Caching;

public class SharedCacheTests
{
    private static readonly SharedCacheSettings s_settings = new(FreshFor: TimeSpan.FromSeconds(2), ServeStaleFor: TimeSpan.FromSeconds(60), RetryFailureAfter: TimeSpan.FromSeconds(2));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private sealed class Source
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public TaskCompletionSource<int>? Gate { get; set; }

        public Exception? Failure { get; set; }

        public int Value { get; set; } = 42;

        public async Task<int> FetchAsync(string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return Failure is { } failure ? throw failure : Value;
        }
    }

    private static ValueTask<CacheRead<int>> Read(SharedCache<string, int> cache, Source source, CancellationToken cancellationToken = default) =>
        Read(cache, source, "pool-1", cancellationToken);

    private static ValueTask<CacheRead<int>> Read(SharedCache<string, int> cache, Source source, string key, CancellationToken cancellationToken = default) =>
        cache.GetAsync(key, source, static (key, s, ct) => s.FetchAsync(key, ct), cancellationToken);

    [Fact]
    public async Task ThirtyConcurrentCallersShareOneCall()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source { Gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously) };

        var reads = Enumerable.Range(0, 30).Select(_ => Read(cache, source).AsTask()).ToArray();
        source.Gate.SetResult(0);
        var results = await Task.WhenAll(reads);

        Assert.Equal(1, source.Calls);
        Assert.All(results, r => Assert.Equal(42, r.Value));
        Assert.Single(results, r => r.Outcome == CacheOutcome.Miss);
        Assert.Equal(29, results.Count(r => r.Outcome == CacheOutcome.Coalesced));
    }

    [Fact]
    public async Task AValueAnswersWithoutACallWithinTheFreshnessWindow()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source();

        await Read(cache, source);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        var read = await Read(cache, source);

        Assert.Equal(CacheOutcome.Hit, read.Outcome);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task AValueIsReadAgainAfterTheFreshnessWindow()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source();

        await Read(cache, source);
        _time.Advance(TimeSpan.FromSeconds(2));
        source.Value = 43;
        var read = await Read(cache, source);

        Assert.Equal(CacheOutcome.Miss, read.Outcome);
        Assert.Equal(43, read.Value);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public async Task AFailureServesTheLastGoodValueWhileItIsYoungEnough()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source();
        await Read(cache, source);
        _time.Advance(TimeSpan.FromSeconds(30));
        source.Failure = new InvalidOperationException("503");

        var read = await Read(cache, source);

        Assert.Equal(CacheOutcome.Stale, read.Outcome);
        Assert.Equal(42, read.Value);
    }

    [Fact]
    public async Task AFailureBeyondTheStalenessBoundIsReportedWithTheAgeOfTheLastGoodValue()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source();
        await Read(cache, source);
        var goodAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(61));
        source.Failure = new InvalidOperationException("503");

        var error = await Assert.ThrowsAsync<CacheFetchFailedException>(() => Read(cache, source).AsTask());

        Assert.Equal("503", error.InnerException!.Message);
        Assert.Equal(goodAt, error.LastGoodAt);
    }

    [Fact]
    public async Task AFailureWithoutAnyGoodValueIsReported()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source { Failure = new InvalidOperationException("401") };

        var error = await Assert.ThrowsAsync<CacheFetchFailedException>(() => Read(cache, source).AsTask());

        Assert.Null(error.LastGoodAt);
    }

    [Fact]
    public async Task AFailedSourceIsNotAskedAgainBeforeTheRetryDelay()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source { Failure = new InvalidOperationException("429") };

        await Assert.ThrowsAsync<CacheFetchFailedException>(() => Read(cache, source).AsTask());
        await Assert.ThrowsAsync<CacheFetchFailedException>(() => Read(cache, source).AsTask());
        _time.Advance(TimeSpan.FromSeconds(2));
        source.Failure = null;
        var read = await Read(cache, source);

        Assert.Equal(2, source.Calls);
        Assert.Equal(42, read.Value);
    }

    [Fact]
    public async Task ACallerThatGivesUpDoesNotCancelTheSharedCall()
    {
        using var cache = new SharedCache<string, int>(s_settings, _time);
        var source = new Source { Gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var impatient = new CancellationTokenSource();

        var first = Read(cache, source, impatient.Token).AsTask();
        var second = Read(cache, source).AsTask();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        source.Gate.SetResult(0);

        Assert.Equal(42, (await second).Value);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task WithSharingOffEveryReadMakesItsOwnCall()
    {
        using var cache = new SharedCache<string, int>(s_settings with { Enabled = false }, _time);
        var source = new Source();

        var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Read(cache, source).AsTask()));

        Assert.Equal(5, source.Calls);
        Assert.All(reads, r => Assert.Equal(CacheOutcome.Bypass, r.Outcome));
    }

    [Fact]
    public async Task PastTheEntryCapNewKeysAreReadWithoutBeingKept()
    {
        using var cache = new SharedCache<string, int>(s_settings with { MaxEntries = 3 }, _time);
        var source = new Source();

        for (var i = 0; i < 50; i++)
        {
            await Read(cache, source, $"pool-{i}");
        }

        var kept = await Read(cache, source, "pool-0");
        var overflow = await Read(cache, source, "pool-49");

        Assert.Equal(3, cache.Count);
        Assert.Equal(CacheOutcome.Hit, kept.Outcome);
        Assert.Equal(CacheOutcome.Bypass, overflow.Outcome);
    }

    [Fact]
    public async Task AtTheCapUnusedEntriesMakeRoomForNewKeys()
    {
        using var cache = new SharedCache<string, int>(s_settings with { MaxEntries = 2 }, _time);
        var source = new Source();
        await Read(cache, source, "a");
        await Read(cache, source, "b");
        _time.Advance(TimeSpan.FromHours(1));

        var read = await Read(cache, source, "c");

        Assert.Equal(CacheOutcome.Miss, read.Outcome);
        Assert.Equal(1, cache.Count);
    }
}
