using AspireAgents.Planner.Records;

namespace AspireAgents.Planner.Tests;

/// <summary>Job records at offsets from one origin, for hand-computed replays.</summary>
internal static class Jobs
{
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static long s_nextId;

    /// <summary>A job queued at <paramref name="queued"/> s that ran <paramref name="duration"/> s, received (as recorded) at <paramref name="received"/> s.</summary>
    public static JobRecord At(double queued, double duration, double? received = null, params string[] demands) =>
        new(
            Interlocked.Increment(ref s_nextId),
            Origin.AddSeconds(queued),
            null,
            Origin.AddSeconds(received ?? queued),
            Origin.AddSeconds((received ?? queued) + duration),
            demands);
}
