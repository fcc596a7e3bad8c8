using System.Collections.Concurrent;
using AspireAgents.AzureDevOps.Telemetry;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// What each Azure DevOps organisation asked its callers: after a <c>Retry-After</c> (on any status, 429 and 503
/// included), an <c>X-RateLimit-Delay</c> or a used-up limit's <c>X-RateLimit-Reset</c> (read by
/// <see cref="RateLimitHeaders"/>, clamped), every request to that organisation from this process waits out the
/// delay before it is sent. One instance is shared by all clients of a process.
/// </summary>
public sealed class RateLimitGate
{
    // Organisations are caller-chosen (any https://dev.azure.com/{org}); past this many held-back ones, those whose
    // wait is over are forgotten, so the gate's memory follows the organisations throttling now, not all ever seen.
    private const int PruneAbove = 256;

    private readonly ConcurrentDictionary<string, long> _blockedUntilTicks = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a gate.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    public RateLimitGate(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The organisation a request addresses: scheme, host and first path segment
    /// (<c>https://dev.azure.com/contoso</c>, <c>http://127.0.0.1:5180/local</c>), or the host alone for
    /// <c>{org}.visualstudio.com</c> and root-level <c>_apis</c> addresses.
    /// </summary>
    /// <param name="requestUri">An absolute request address.</param>
    /// <returns>The key requests to the same organisation share.</returns>
    public static string OrganizationKey(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var authority = requestUri.GetLeftPart(UriPartial.Authority);
        if (requestUri.Host.EndsWith(".visualstudio.com", StringComparison.OrdinalIgnoreCase))
        {
            return authority;
        }

        var path = requestUri.AbsolutePath.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        var first = slash < 0 ? path : path[..slash];
        return first.IsEmpty || first[0] == '_' ? authority : string.Concat(authority, "/", first);
    }

    /// <summary>How much longer requests to <paramref name="organization"/> are held back; zero when they are not.</summary>
    /// <param name="organization">A key from <see cref="OrganizationKey"/>.</param>
    /// <returns>The remaining wait.</returns>
    public TimeSpan RemainingDelay(string organization)
    {
        if (!_blockedUntilTicks.TryGetValue(organization, out var until))
        {
            return TimeSpan.Zero;
        }

        var remaining = new DateTimeOffset(until, TimeSpan.Zero) - _timeProvider.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>How many organisations the gate remembers (held back now, or not yet forgotten).</summary>
    internal int HeldBackCount => _blockedUntilTicks.Count;

    /// <summary>Waits until the organisation accepts requests again, if it asked callers to wait.</summary>
    /// <param name="organization">A key from <see cref="OrganizationKey"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How long the caller waited.</returns>
    public async ValueTask<TimeSpan> WaitAsync(string organization, CancellationToken cancellationToken) =>
        await TryWaitAsync(organization, TimeSpan.MaxValue, cancellationToken).ConfigureAwait(false) ?? TimeSpan.Zero;

    /// <summary>
    /// Waits until the organisation accepts requests again, but only if that is within <paramref name="allowed"/>:
    /// a wait that would outlast it (also one another caller extends meanwhile) is not begun or not continued.
    /// </summary>
    /// <param name="organization">A key from <see cref="OrganizationKey"/>.</param>
    /// <param name="allowed">The longest the caller may wait in all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How long the caller waited, or <see langword="null"/> when the wait would outlast <paramref name="allowed"/>.</returns>
    public async ValueTask<TimeSpan?> TryWaitAsync(string organization, TimeSpan allowed, CancellationToken cancellationToken)
    {
        var delay = RemainingDelay(organization);
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var started = _timeProvider.GetTimestamp();
        if (delay > allowed)
        {
            return null;
        }

        AzureDevOpsTelemetry.RateLimitWaits.Add(1);
        do
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = RemainingDelay(organization);
            if (_timeProvider.GetElapsedTime(started) + delay > allowed)
            {
                return null;
            }
        }
        while (delay > TimeSpan.Zero);

        var waited = _timeProvider.GetElapsedTime(started);
        AzureDevOpsTelemetry.RateLimitWaitDuration.Record(waited.TotalSeconds);
        return waited;
    }

    /// <summary>Records what an answer asked for: <c>Retry-After</c> and <c>X-RateLimit-Delay</c>.</summary>
    /// <param name="organization">A key from <see cref="OrganizationKey"/>.</param>
    /// <param name="response">The answer.</param>
    /// <param name="maxDelay">The longest delay one answer can impose (<see cref="AzureDevOpsHttpOptions.MaxRateLimitDelay"/>).</param>
    /// <returns>The delay now in force for the organisation, or <see langword="null"/> when the answer asked for none.</returns>
    public TimeSpan? Observe(string organization, HttpResponseMessage response, TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var requested = RateLimitHeaders.RequestedDelay(response, _timeProvider.GetUtcNow(), maxDelay);
        if (requested is not { } delay || delay <= TimeSpan.Zero)
        {
            return null;
        }

        Block(organization, delay);
        return delay;
    }

    /// <summary>Holds back requests to the organisation for <paramref name="delay"/> from now (never shortening an existing wait).</summary>
    /// <param name="organization">A key from <see cref="OrganizationKey"/>.</param>
    /// <param name="delay">How long to hold requests back.</param>
    public void Block(string organization, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // Whoever calls, no delay may push the clock past its range.
        delay = delay < RateLimitHeaders.DefaultMaxDelay * 12 ? delay : RateLimitHeaders.DefaultMaxDelay * 12;
        var now = _timeProvider.GetUtcNow();
        var until = (now + delay).UtcTicks;
        _blockedUntilTicks.AddOrUpdate(organization, until, (_, current) => Math.Max(current, until));
        if (_blockedUntilTicks.Count > PruneAbove)
        {
            foreach (var (key, ticks) in _blockedUntilTicks)
            {
                if (ticks <= now.UtcTicks)
                {
                    _blockedUntilTicks.TryRemove(KeyValuePair.Create(key, ticks));
                }
            }
        }
    }

    /// <summary>The longest wait an answer's rate-limit headers ask for, clamped (see <see cref="RateLimitHeaders"/>).</summary>
    /// <param name="response">The answer.</param>
    /// <param name="now">The current time, for date-valued headers.</param>
    /// <returns>The delay, or <see langword="null"/> when no header asks for one.</returns>
    public static TimeSpan? RequestedDelay(HttpResponseMessage response, DateTimeOffset now) => RateLimitHeaders.RequestedDelay(response, now);
}
