using AspireAgents.Scaler.Observer;

namespace AspireAgents.Scaler.Tests.Observer;

/// <summary>The gap detector: when a rule that should fire is flagged as not firing.</summary>
public class ExecutionGapDetectorTests
{
    [Fact]
    public void AGapIsFlaggedAfterThresholdIntervalsOfExpectedStartsWithoutAppearances()
    {
        var gaps = new ExecutionGapDetector(threshold: 3);

        Assert.False(gaps.Observe(appeared: 0, expectedNow: 2)); // the first decision: nothing was expected before
        Assert.False(gaps.Observe(appeared: 0, expectedNow: 2));
        Assert.False(gaps.Observe(appeared: 0, expectedNow: 2));
        Assert.True(gaps.Observe(appeared: 0, expectedNow: 2));
        Assert.Equal(3, gaps.Streak);
    }

    [Fact]
    public void ALongGapIsFlaggedAgainAtEachMultipleOfTheThreshold()
    {
        var gaps = new ExecutionGapDetector(threshold: 2);
        gaps.Observe(0, 1);

        var flagged = Enumerable.Range(0, 6).Select(_ => gaps.Observe(0, 1)).ToList();

        Assert.Equal([false, true, false, true, false, true], flagged);
    }

    [Fact]
    public void AnExecutionThatAppearsEndsTheStreak()
    {
        var gaps = new ExecutionGapDetector(threshold: 2);
        gaps.Observe(0, 1);
        gaps.Observe(0, 1);

        Assert.False(gaps.Observe(appeared: 1, expectedNow: 1));
        Assert.Equal(0, gaps.Streak);
        Assert.False(gaps.Observe(0, 1));
        Assert.True(gaps.Observe(0, 1));
    }

    [Fact]
    public void NoExpectedStartsIsNoGapHoweverLongNothingAppears()
    {
        var gaps = new ExecutionGapDetector(threshold: 1);

        Assert.All(Enumerable.Range(0, 5), _ => Assert.False(gaps.Observe(appeared: 0, expectedNow: 0)));
    }

    [Fact]
    public void AQueueThatDrainsBeforeTheThresholdEndsTheStreak()
    {
        var gaps = new ExecutionGapDetector(threshold: 3);
        gaps.Observe(0, 2);
        gaps.Observe(0, 2);
        gaps.Observe(0, 0); // the jobs were cancelled: nothing is due any more

        Assert.False(gaps.Observe(0, 2));
        Assert.Equal(0, gaps.Streak);
    }
}
