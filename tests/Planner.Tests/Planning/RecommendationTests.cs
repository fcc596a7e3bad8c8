using AspireAgents.Planner.Planning;
using AspireAgents.Planner.Simulation;

namespace AspireAgents.Planner.Tests.Planning;

public sealed class RecommendationTests
{
    private static PlanOutcome Outcome(double p95, double cost) =>
        new(new SimulationSettings(), p95 / 2, p95, 1, 0, cost * 100, cost, 1, 0);

    [Fact]
    public void TheCheapestSettingUnderTheTargetIsRecommended()
    {
        var fastExpensive = Outcome(10, 5);
        var underTargetCheap = Outcome(50, 2);
        var overTargetCheapest = Outcome(90, 1);

        var recommendation = Recommendation.Choose([fastExpensive, underTargetCheap, overTargetCheapest], targetP95: 60);

        Assert.Same(underTargetCheap, recommendation.Outcome);
        Assert.True(recommendation.MeetsTarget);
    }

    [Fact]
    public void CostsWithinOnePercentAreATieThatTheLowerWaitWins()
    {
        var cheapSlower = Outcome(50, 1.000);
        var almostAsCheapFaster = Outcome(30, 1.005);
        var dearerFastest = Outcome(10, 1.020);

        var recommendation = Recommendation.Choose([cheapSlower, almostAsCheapFaster, dearerFastest], targetP95: 60);

        Assert.Same(almostAsCheapFaster, recommendation.Outcome);
    }

    [Fact]
    public void WhenNoSettingMeetsTheTargetTheLowestWaitIsNamedAndSaidSo()
    {
        var slow = Outcome(90, 1);
        var lessSlow = Outcome(70, 3);

        var recommendation = Recommendation.Choose([slow, lessSlow], targetP95: 60);

        Assert.Same(lessSlow, recommendation.Outcome);
        Assert.False(recommendation.MeetsTarget);
        Assert.StartsWith("No setting keeps the wait p95 at or under 60 s", recommendation.Describe(), StringComparison.Ordinal);
    }
}
