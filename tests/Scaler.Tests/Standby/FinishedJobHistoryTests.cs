using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Standby;
using AspireAgents.Scaler.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.Scaler.Tests.Standby;

/// <summary>What the history keeps from the job-list reads, and its bounds.</summary>
public sealed class FinishedJobHistoryTests
{
    // Tuesday 2026-07-14 08:00 UTC: the history begins before the jobs' hour.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 14, 8, 0, 0, TimeSpan.Zero));

    private static readonly DateTimeOffset s_nine = new(2026, 7, 14, 9, 0, 0, TimeSpan.Zero);

    private static TaskAgentJobRequest Finished(long id) =>
        Jobs.Queued(id) with { QueueTime = s_nine, ReceiveTime = s_nine, FinishTime = s_nine.AddMinutes(30), Result = TaskResult.Succeeded };

    [Fact]
    public void OnlyFinishedJobsCountAndEachOnceHoweverOftenTheyAreRead()
    {
        var history = new FinishedJobHistory(_time);
        var key = new HistoryKey("https://dev.azure.com/contoso/", 1, "scaler-identity");
        history.Record(key, []);
        _time.Advance(TimeSpan.FromHours(2));

        TaskAgentJobRequest[] read = [Finished(1), Finished(2), Jobs.InFlight(3), Jobs.Queued(4)];
        history.Record(key, read);
        history.Record(key, read);

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(45));
        var estimate = history.Estimate(key);
        Assert.Equal((2, 1), (estimate.Count, estimate.Weeks));
        Assert.Equal(0, history.Estimate(key with { PoolId = 2 }).Count);
    }

    [Fact]
    public void PoolsBeyondTheCapAreNotRecorded()
    {
        var history = new FinishedJobHistory(_time);
        static HistoryKey Pool(int id) => new("https://dev.azure.com/contoso/", id, "scaler-identity");
        for (var pool = 1; pool <= FinishedJobHistory.MaxPools + 1; pool++)
        {
            history.Record(Pool(pool), []);
        }

        _time.Advance(TimeSpan.FromHours(2));
        for (var pool = 1; pool <= FinishedJobHistory.MaxPools + 1; pool++)
        {
            history.Record(Pool(pool), [Finished(pool)]);
        }

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(45));
        Assert.Equal((1, 1), (history.Estimate(Pool(FinishedJobHistory.MaxPools)).Count, history.Estimate(Pool(FinishedJobHistory.MaxPools)).Weeks));
        Assert.Equal(0, history.Estimate(Pool(FinishedJobHistory.MaxPools + 1)).Weeks);
    }
}
