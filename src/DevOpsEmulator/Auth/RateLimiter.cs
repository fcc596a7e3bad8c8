using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>
/// A per-identity request budget in a sliding window (<c>Emulator:RateLimit</c>), standing in for Azure DevOps'
/// TSTU budget: each request costs one unit.
/// </summary>
internal sealed class RateLimiter(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private readonly RateLimitOptions _options = options.Value.RateLimit;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _usage = [];
    private readonly Lock _gate = new();

    public bool Enabled => _options.Enabled;

    /// <summary>Spends one unit of <paramref name="identity"/>'s budget, or says it is used up.</summary>
    public RateLimitDecision Spend(string identity)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_usage.TryGetValue(identity, out var requests))
            {
                _usage[identity] = requests = new Queue<DateTimeOffset>();
            }

            while (requests.Count > 0 && requests.Peek() <= now - _options.Window)
            {
                requests.Dequeue();
            }

            if (requests.Count >= _options.Limit)
            {
                var reset = requests.Peek() + _options.Window;
                return new RateLimitDecision(false, _options.Limit, 0, reset, RetryAfter(reset, now));
            }

            requests.Enqueue(now);
            var remaining = _options.Limit - requests.Count;
            var resetAt = requests.Peek() + _options.Window;
            return new RateLimitDecision(true, _options.Limit, remaining, resetAt, remaining == 0 ? RetryAfter(resetAt, now) : null);
        }
    }

    /// <summary>Forgets all usage.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _usage.Clear();
        }
    }

    private static long RetryAfter(DateTimeOffset reset, DateTimeOffset now) => Math.Max(1, (long)Math.Ceiling((reset - now).TotalSeconds));
}

/// <summary>The outcome of spending a unit of budget.</summary>
/// <param name="Allowed">False when the budget is used up: answer 429.</param>
/// <param name="Limit">The budget per window.</param>
/// <param name="Remaining">What is left after this request.</param>
/// <param name="Reset">When the oldest spent unit leaves the window.</param>
/// <param name="RetryAfterSeconds">Set when the caller should wait before the next request.</param>
internal sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset Reset, long? RetryAfterSeconds);
