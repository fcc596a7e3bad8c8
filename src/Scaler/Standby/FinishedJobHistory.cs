using System.Collections.Concurrent;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaling.Standby;

namespace AspireAgents.Scaler.Standby;

/// <summary>
/// The finished jobs each pool's job-list reads have shown, kept for <c>standbyAgents: auto</c>. Azure DevOps keeps no
/// queryable history here: <c>jobrequests</c> lists only the most recent requests (about 200, finished ones included
/// unless <c>fetchUnfinishedJobsOnly</c> is set), so the history is what the scaler saw while it ran, learnt from the
/// reads it makes anyway (no extra request), and starts over when it restarts. Bounded: jobs older than the
/// profile's weeks are dropped, at most <see cref="MaxJobsPerPool"/> jobs per pool and <see cref="MaxPools"/> pools.
/// </summary>
/// <param name="timeProvider">The clock.</param>
public sealed class FinishedJobHistory(TimeProvider timeProvider)
{
    /// <summary>Weeks of history the profile looks at.</summary>
    public const int Weeks = 3;

    /// <summary>The percentile the profile takes.</summary>
    public const double Percentile = 95;

    /// <summary>Jobs kept per pool (about 48 bytes each): 3 weeks at 1,000 jobs a day fit.</summary>
    public const int MaxJobsPerPool = 25_000;

    /// <summary>Pools remembered; callers choose pools, so past this a new pool is not recorded.</summary>
    public const int MaxPools = 64;

    private static readonly TimeSpan s_recompute = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_keep = TimeSpan.FromDays(7 * Weeks) + TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<HistoryKey, PoolHistory> _pools = new();

    /// <summary>Records the finished jobs of one read of a pool's job list.</summary>
    /// <param name="key">The organisation, pool and credential the list was read for.</param>
    /// <param name="jobs">The jobs as listed.</param>
    public void Record(HistoryKey key, IReadOnlyList<TaskAgentJobRequest> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var now = timeProvider.GetUtcNow();
        if (!_pools.TryGetValue(key, out var pool))
        {
            if (_pools.Count >= MaxPools)
            {
                return;
            }

            pool = _pools.GetOrAdd(key, _ => new PoolHistory(now));
        }

        pool.Record(jobs, now);
    }

    /// <summary>The profile's standby count for the current hour of the week, recomputed at most every 5 minutes.</summary>
    /// <param name="key">The organisation, pool and credential.</param>
    /// <returns>The estimate; with no history for the pool, 0 from 0 weeks.</returns>
    public StandbyEstimate Estimate(HistoryKey key)
    {
        var now = timeProvider.GetUtcNow();
        return _pools.TryGetValue(key, out var pool)
            ? pool.Estimate(now)
            : StandbyProfile.Estimate([], now, now, Weeks, Percentile);
    }

    private sealed class PoolHistory(DateTimeOffset start)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<long, JobSpan> _jobs = [];
        private StandbyEstimate? _estimate;
        private DateTimeOffset _estimatedAt;

        public void Record(IReadOnlyList<TaskAgentJobRequest> jobs, DateTimeOffset now)
        {
            lock (_gate)
            {
                if (_jobs.Count >= MaxJobsPerPool * 9 / 10)
                {
                    var cutoff = now - s_keep;
                    foreach (var (id, span) in _jobs)
                    {
                        if (span.Finished < cutoff)
                        {
                            _jobs.Remove(id);
                        }
                    }
                }

                foreach (var job in jobs)
                {
                    // Only finished jobs with both times: a running job's end is not known yet, and it is seen again.
                    if (job is { Result: not null, QueueTime: { } queued, FinishTime: { } finished } && finished > queued && finished <= now
                        && (_jobs.Count < MaxJobsPerPool || _jobs.ContainsKey(job.RequestId)))
                    {
                        _jobs[job.RequestId] = new JobSpan(queued, finished);
                    }
                }
            }
        }

        public StandbyEstimate Estimate(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (_estimate is { } known && now - _estimatedAt < s_recompute && known.Hour.Hour == now.UtcDateTime.Hour)
                {
                    return known;
                }

                var estimate = StandbyProfile.Estimate(_jobs.Values, start, now, Weeks, Percentile);
                _estimate = estimate;
                _estimatedAt = now;
                return estimate;
            }
        }
    }
}
