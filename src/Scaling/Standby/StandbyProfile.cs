namespace AspireAgents.Scaling.Standby;

/// <summary>
/// The standby count for one hour of the week, learnt from the pool's own finished jobs: for every earlier week the
/// history fully covers, the hour is cut into 5-minute buckets, each counting the jobs that wanted an agent during it
/// (queued until finished); the count is a high percentile (nearest rank) of those buckets over all covered weeks.
/// Managed DevOps Pools' automatic standby works the same way (3 weeks, 5-minute buckets, a percentile per hour).
/// </summary>
public static class StandbyProfile
{
    /// <summary>The bucket the hour is cut into.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan s_hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_week = TimeSpan.FromDays(7);

    /// <summary>Computes the standby count for the hour of the week <paramref name="now"/> falls in (UTC).</summary>
    /// <param name="jobs">Finished jobs: when each was queued and when it finished.</param>
    /// <param name="historyStart">Since when the history is complete: weeks whose hour began earlier are left out.</param>
    /// <param name="now">The current time.</param>
    /// <param name="weeks">How many earlier weeks to look at, at most.</param>
    /// <param name="percentile">The percentile, from 0 to 100 (95: all but the busiest twentieth of the buckets).</param>
    /// <returns>The count and what it came from.</returns>
    public static StandbyEstimate Estimate(IEnumerable<JobSpan> jobs, DateTimeOffset historyStart, DateTimeOffset now, int weeks, double percentile)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weeks);
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);

        var utc = now.ToUniversalTime();
        var hourStart = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        var covered = new List<DateTimeOffset>();
        for (var week = 1; week <= weeks; week++)
        {
            var start = hourStart - (s_week * week);
            if (start >= historyStart)
            {
                covered.Add(start);
            }
        }

        var bucketsPerHour = (int)(s_hour / Bucket);
        var samples = new int[covered.Count * bucketsPerHour];
        foreach (var job in jobs)
        {
            for (var w = 0; w < covered.Count; w++)
            {
                var from = covered[w];
                if (job.Finished <= from || job.Queued >= from + s_hour)
                {
                    continue;
                }

                var first = Math.Max(0, (int)((job.Queued - from) / Bucket));
                var last = Math.Min(bucketsPerHour - 1, (int)Math.Ceiling((job.Finished - from) / Bucket) - 1);
                for (var b = first; b <= last; b++)
                {
                    samples[(w * bucketsPerHour) + b]++;
                }
            }
        }

        return new StandbyEstimate(NearestRank(samples, percentile), covered.Count, percentile, hourStart);
    }

    private static int NearestRank(int[] samples, double percentile)
    {
        if (samples.Length == 0)
        {
            return 0;
        }

        Array.Sort(samples);
        var rank = (int)Math.Ceiling(percentile / 100 * samples.Length);
        return samples[Math.Clamp(rank, 1, samples.Length) - 1];
    }
}
