using System.Globalization;
using System.Net;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// How long an answer asks callers to wait, read from the raw headers so that no value, however absurd, throws or
/// overflows: <c>Retry-After</c> (seconds or an HTTP date), <c>X-RateLimit-Delay</c> (seconds, fractional) and,
/// on a 429 or when <c>X-RateLimit-Remaining</c> is used up, <c>X-RateLimit-Reset</c> (Unix seconds). Negative
/// waits and dates in the past are no wait; unreadable values are ignored; the longest wait is clamped to a maximum.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>The longest wait one answer can impose when no other maximum is given: the service's 5-minute window.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait the headers of <paramref name="response"/> ask for.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="now">The current time, for dates.</param>
    /// <param name="maxDelay">The clamp; <see cref="DefaultMaxDelay"/> when omitted.</param>
    /// <returns>The wait, at most <paramref name="maxDelay"/>; <see langword="null"/> when no header asks for one.</returns>
    public static TimeSpan? RequestedDelay(HttpResponseMessage response, DateTimeOffset now, TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var max = maxDelay is { } m && m > TimeSpan.Zero ? m : DefaultMaxDelay;
        TimeSpan? longest = null;
        void Consider(TimeSpan? delay)
        {
            if (delay is { } d && (longest is null || d > longest))
            {
                longest = d;
            }
        }

        if (First(response, "Retry-After") is { } retryAfter)
        {
            Consider(Seconds(retryAfter, max) ?? Until(retryAfter, now, max));
        }

        if (First(response, "X-RateLimit-Delay") is { } delay)
        {
            Consider(Seconds(delay, max));
        }

        if (First(response, "X-RateLimit-Reset") is { } reset && (response.StatusCode == HttpStatusCode.TooManyRequests || UsedUp(response)))
        {
            Consider(UnixTime(reset, now, max));
        }

        return longest;
    }

    private static bool UsedUp(HttpResponseMessage response) =>
        First(response, "X-RateLimit-Remaining") is { } remaining
        && double.TryParse(remaining, NumberStyles.Float, CultureInfo.InvariantCulture, out var left)
        && left <= 0;

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.First().Trim() : null;

    private static TimeSpan? Seconds(string text, TimeSpan max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds) ? Clamp(seconds, max) : null;

    private static TimeSpan? Until(string text, DateTimeOffset now, TimeSpan max) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? Clamp((date - now).TotalSeconds, max) : null;

    private static TimeSpan? UnixTime(string text, DateTimeOffset now, TimeSpan max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && !double.IsNaN(epoch)
            ? Clamp(epoch - now.ToUnixTimeMilliseconds() / 1000.0, max)
            : null;

    // In seconds as doubles until here, so that no value reaches TimeSpan or Task.Delay out of range.
    private static TimeSpan Clamp(double seconds, TimeSpan max) =>
        seconds <= 0 ? TimeSpan.Zero : seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
}
