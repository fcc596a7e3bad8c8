using AspireAgents.Planner.Simulation;

namespace AspireAgents.Planner.Tests.Simulation;

public sealed class StartTimeModelTests
{
    [Fact]
    public void PercentilesAreInterpolatedLinearlyAndHeldBeyondTheEnds()
    {
        var model = StartTimeModel.FromPercentiles([(50, 10), (90, 30)]);

        Assert.Equal(10, model.Median, 6);
        var random = new Random(11);
        var draws = Enumerable.Range(0, 2000).Select(_ => model.Sample(random)).ToList();
        Assert.All(draws, d => Assert.InRange(d, 10, 30));

        // Half the draws fall at p50 or below (all 10 s), a tenth at p90 or above (all 30 s).
        Assert.InRange(draws.Count(d => d == 10) / 2000.0, 0.45, 0.55);
        Assert.InRange(draws.Count(d => d == 30) / 2000.0, 0.07, 0.13);
    }

    [Fact]
    public void AMeasuredModelDrawsOnlyMeasuredValues()
    {
        var model = StartTimeModel.Measured([4, 9, 16]);
        var random = new Random(3);

        var draws = Enumerable.Range(0, 300).Select(_ => model.Sample(random)).ToHashSet();

        Assert.Equal([4.0, 9.0, 16.0], draws.Order());
    }

    [Fact]
    public void InvalidModelsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => StartTimeModel.Measured([]));
        Assert.Throws<ArgumentException>(() => StartTimeModel.FromPercentiles([(50, 30), (90, 10)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => StartTimeModel.Fixed(-1));
    }
}
