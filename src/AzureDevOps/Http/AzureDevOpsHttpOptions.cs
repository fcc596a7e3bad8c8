namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// How the client retries, times out and bounds what it reads. Retries cover 429 and 5xx answers and connection
/// failures; they honour <c>Retry-After</c> and stop once <see cref="MaxRetryDuration"/> would be exceeded, returning
/// the last answer as an error; a rate-limit wait longer than what is left of it fails the call at once.
/// </summary>
public sealed class AzureDevOpsHttpOptions
{
    /// <summary>Most attempts per call, the first included. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The time budget for all attempts and waits of one call. Default 30 s.</summary>
    public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first backoff when the service sent no <c>Retry-After</c>; doubled per attempt, with jitter. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest single backoff. Default 8 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest wait one answer's <c>Retry-After</c>, <c>X-RateLimit-Delay</c> or <c>X-RateLimit-Reset</c> can impose on
    /// the organisation's requests; larger values (and absurd ones: huge numbers, far-future dates) are clamped to it.
    /// Default 5 minutes, the service's rate-limit window: no genuine wait is longer.
    /// </summary>
    public TimeSpan MaxRateLimitDelay { get; set; } = RateLimitHeaders.DefaultMaxDelay;

    /// <summary>
    /// The most bytes of an answer's body the client reads; a longer body fails the call with
    /// <c>ResponseTooLarge</c> instead of being buffered. Default 16 MiB: a <c>jobrequests</c> answer runs to a few KB
    /// per job (demands, links, owner, definition), under 1 MB for KEDA's <c>$top=250</c>, and grows with
    /// <c>matchedAgents</c> (a few hundred bytes per matching agent and job) when asked without <c>$top</c>; 16 MiB
    /// holds 250 jobs each matching about 200 agents.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;
}
