using AspireAgents.Scaler.Counting;
using AspireAgents.Scaler.Services;
using AspireAgents.Scaler.Tests.Fakes;

namespace AspireAgents.Scaler.Tests.Services;

public class PoolJobsTests
{
    [Fact]
    public void CountsAreKeptForNoMoreRulesThanTheCap()
    {
        var jobs = new PoolJobs([Jobs.Queued(1, ["docker"]), Jobs.Queued(2)], maxKeptCounts: 4);

        for (var i = 0; i < 100; i++)
        {
            var rules = CountingRules.Create(null, $"docker,demand-{i}", DemandMatching.JobDemandsWithinTrigger, false, true);
            Assert.Equal(2, jobs.Count(rules));
        }

        Assert.Equal(4, jobs.KeptCounts);
    }
}
