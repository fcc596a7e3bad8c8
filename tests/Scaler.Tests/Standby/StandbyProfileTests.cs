using AspireAgents.Scaling.Standby;

namespace AspireAgents.Scaler.Tests.Standby;

/// <summary>The per-hour-of-week profile learnt from finished jobs.</summary>
public sealed class StandbyProfileTests
{
    // Tuesday 2026-07-21 09:20 UTC; the same hour one, two and three weeks earlier starts at 09:00 on the 14th, 7th and 30 June.
    private static readonly DateTimeOffset s_now = new(2026, 7, 21, 9, 20, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_longAgo = s_now.AddDays(-60);

    private static JobSpan Job(int weeksAgo, int fromMinute, int toMinute)
    {
        var hour = new DateTimeOffset(2026, 7, 21, 9, 0, 0, TimeSpan.Zero).AddDays(-7 * weeksAgo);
        return new JobSpan(hour.AddMinutes(fromMinute), hour.AddMinutes(toMinute));
    }

    [Fact]
    public void CountsConcurrentJobsPerBucketAndTakesTheNearestRankPercentile()
    {
        // Week 1: 4 jobs over the whole hour; weeks 2 and 3: 2 jobs in the first 10 minutes.
        JobSpan[] jobs =
        [
            .. Enumerable.Repeat(Job(1, -10, 70), 4),
            Job(2, 0, 10), Job(2, 0, 10),
            Job(3, 0, 10), Job(3, 0, 10),
        ];

        // 36 buckets: 12 of 4, 4 of 2, 20 of 0.
        Assert.Equal(4, StandbyProfile.Estimate(jobs, s_longAgo, s_now, 3, 95).Count);
        Assert.Equal(2, StandbyProfile.Estimate(jobs, s_longAgo, s_now, 3, 60).Count);
        Assert.Equal(0, StandbyProfile.Estimate(jobs, s_longAgo, s_now, 3, 50).Count);
        Assert.Equal(3, StandbyProfile.Estimate(jobs, s_longAgo, s_now, 3, 95).Weeks);
    }

    [Fact]
    public void IgnoresOtherHoursAndTheCurrentWeek()
    {
        JobSpan[] jobs = [Job(0, 0, 20), Job(1, 60, 120), Job(1, -120, -60), Job(2, 60 * 24, 60 * 25)];

        Assert.Equal(0, StandbyProfile.Estimate(jobs, s_longAgo, s_now, 3, 100).Count);
    }

    [Fact]
    public void WeeksBeforeTheHistoryBeganDoNotCount()
    {
        JobSpan[] jobs = [Job(1, 0, 60), Job(3, 0, 60), Job(3, 0, 60)];
        var historyStart = s_now.AddDays(-15); // covers one and two weeks ago, not three

        var estimate = StandbyProfile.Estimate(jobs, historyStart, s_now, 3, 100);
        Assert.Equal(2, estimate.Weeks);
        Assert.Equal(1, estimate.Count);
        Assert.Equal("auto: p100 of 2 weeks at Tue 09:00 UTC", estimate.Describe());
    }

    [Fact]
    public void NoHistoryGivesZeroFromNoWeeks()
    {
        var estimate = StandbyProfile.Estimate([], s_now, s_now, 3, 95);
        Assert.Equal((0, 0), (estimate.Count, estimate.Weeks));
        Assert.Equal("auto: no history yet", estimate.Describe());
    }
}
