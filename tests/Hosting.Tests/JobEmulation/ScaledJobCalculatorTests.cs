using Aspire.Hosting.ApplicationModel;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class ScaledJobCalculatorTests
{
    private static readonly ScaledJobSettings MaxTen = new() { MaxExecutions = 10 };

    [Fact]
    public void DefaultStartsQueueLengthMinusRunningExecutions()
    {
        // Q=5 jobs, target 1, 2 executions running: maxScale 5, effective 5−2 = 3.
        var decision = ScaledJobCalculator.Decide(MaxTen, new(QueueLength: 5, TargetQueueLength: 1, ScalerActive: true, Running: 2, Pending: 0));

        Assert.Equal(new ScalingDecision(true, ScaleTo: 5, MaxScale: 5, EffectiveMaxScale: 3, ToStart: 3, KedaScalingStrategy.Default), decision);
    }

    [Fact]
    public void DefaultDividesTheQueueByTheTargetAndRoundsUp()
    {
        // Q=5, target 2: maxScale ceil(2.5) = 3, scaleTo 5, so 3 start.
        var decision = ScaledJobCalculator.Decide(MaxTen, new(5, 2, true, 0, 0));

        Assert.Equal(3, decision.MaxScale);
        Assert.Equal(3, decision.ToStart);
    }

    [Theory]
    // W waiting, B busy, I idle executions; the scaler reports Q = W + B + S (scaleOnInFlight) with S = 3 standby.
    [InlineData(0, 0, 0, 3)] // window opens: 3 standby start
    [InlineData(0, 2, 1, 2)] // 2 idle agents took jobs: 2 more to get back to 3 idle
    [InlineData(5, 2, 3, 5)] // 5 jobs arrive: 5 start; the 3 idle take 3 of them now
    [InlineData(0, 0, 3, 0)] // quiet: the 3 idle are the standby
    public void DefaultKeepsTheStandbyIdleOnTopOfTheRunningJobs(int waiting, int busy, int idle, long started)
    {
        const int Standby = 3;

        var decision = ScaledJobCalculator.Decide(MaxTen, new(waiting + busy + Standby, 1, true, busy + idle, 0));

        Assert.Equal(started, decision.ToStart);
        Assert.Equal(Standby, idle + decision.ToStart - waiting); // idle once every waiting job has an execution
    }

    [Fact]
    public void WithoutInFlightJobsStandbyIsOnlyAFloorOnTheExecutions()
    {
        // scaleOnInFlight=false: Q = W + S. 4 busy executions, standby 3, no job waiting: nothing starts, no agent idles.
        var decision = ScaledJobCalculator.Decide(MaxTen, new(0 + 3, 1, true, 4, 0));

        Assert.Equal(0, decision.ToStart);
    }

    [Fact]
    public void DefaultStartsNothingAtMaxExecutions()
    {
        var decision = ScaledJobCalculator.Decide(MaxTen, new(20, 1, true, 10, 0));

        Assert.Equal(10, decision.MaxScale);
        Assert.Equal(0, decision.EffectiveMaxScale);
        Assert.Equal(0, decision.ToStart);
    }

    [Fact]
    public void AnInactiveTriggerStartsNothingWhateverTheQueue()
    {
        var decision = ScaledJobCalculator.Decide(MaxTen, new(4, 1, ScalerActive: false, 0, 0));

        Assert.False(decision.Active);
        Assert.Equal(0, decision.MaxScale); // an inactive trigger's queue counts as 0
        Assert.Equal(0, decision.ToStart);
    }

    [Fact]
    public void AccurateSubtractsPendingExecutionsOnly()
    {
        // Q=5, R=2, P=1: 5+2−1 = 6 ≤ 10, so effective = 5−1 = 4.
        var settings = MaxTen with { Strategy = KedaScalingStrategy.Accurate };

        var decision = ScaledJobCalculator.Decide(settings, new(5, 1, true, 2, 1));

        Assert.Equal(4, decision.EffectiveMaxScale);
        Assert.Equal(4, decision.ToStart);
    }

    [Fact]
    public void AccurateFillsUpToMaxWhenTheQueueWouldOverflowIt()
    {
        // Q=9, R=4, P=0: 9+4 > 10, so effective = 10−4 = 6.
        var settings = MaxTen with { Strategy = KedaScalingStrategy.Accurate };

        var decision = ScaledJobCalculator.Decide(settings, new(9, 1, true, 4, 0));

        Assert.Equal(6, decision.EffectiveMaxScale);
        Assert.Equal(6, decision.ToStart);
    }

    [Fact]
    public void EagerFillsFreeSlotsUpToTheQueueAndReportsMaxAsScaleTo()
    {
        // Q=8, R=3, P=1: effective = min(10−3−1, 8) = 6; scaleTo = max = 10.
        var settings = MaxTen with { Strategy = KedaScalingStrategy.Eager };

        var decision = ScaledJobCalculator.Decide(settings, new(8, 1, true, 3, 1));

        Assert.Equal(new ScalingDecision(true, ScaleTo: 10, MaxScale: 8, EffectiveMaxScale: 6, ToStart: 6, KedaScalingStrategy.Eager), decision);
    }

    [Fact]
    public void CustomDeductsAConstantAndAShareOfRunningExecutions()
    {
        // Q=6, R=4, deduction 1, 50 %: 6 − 1 − trunc(4 × 0.5) = 3.
        var settings = MaxTen with
        {
            Strategy = KedaScalingStrategy.Custom,
            CustomScalingQueueLengthDeduction = 1,
            CustomScalingRunningJobPercentage = "0.5",
        };

        var decision = ScaledJobCalculator.Decide(settings, new(6, 1, true, 4, 0));

        Assert.Equal(KedaScalingStrategy.Custom, decision.Strategy);
        Assert.Equal(3, decision.ToStart);
    }

    [Fact]
    public void CustomTruncatesTheRunningShareTowardsZero()
    {
        // 3 × 0.5 = 1.5 → 1, so 6 − 0 − 1 = 5.
        var settings = MaxTen with { Strategy = KedaScalingStrategy.Custom, CustomScalingRunningJobPercentage = "0.5" };

        var decision = ScaledJobCalculator.Decide(settings, new(6, 1, true, 3, 0));

        Assert.Equal(5, decision.EffectiveMaxScale);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("half")]
    public void CustomWithoutANumericPercentageFallsBackToDefault(string? percentage)
    {
        var settings = MaxTen with
        {
            Strategy = KedaScalingStrategy.Custom,
            CustomScalingQueueLengthDeduction = 5,
            CustomScalingRunningJobPercentage = percentage,
        };

        var decision = ScaledJobCalculator.Decide(settings, new(6, 1, true, 4, 0));

        Assert.Equal(KedaScalingStrategy.Default, decision.Strategy);
        Assert.Equal(2, decision.ToStart);
    }

    [Fact]
    public void MinExecutionsStartEvenWithAnEmptyInactiveQueue()
    {
        var settings = MaxTen with { MinExecutions = 2 };

        var decision = ScaledJobCalculator.Decide(settings, new(0, 1, ScalerActive: false, 0, 0));

        Assert.True(decision.Active);
        Assert.Equal(2, decision.ToStart);
    }

    [Fact]
    public void MinExecutionsShrinkTheMaximumTheStrategiesSee()
    {
        // min 2, max 10 → KEDA's MaxReplicaCount() is 8; R=3 → R' = 1; Q=9 → maxScale min(9, 8) = 8; default: 8 − 1 = 7.
        var settings = MaxTen with { MinExecutions = 2 };

        var decision = ScaledJobCalculator.Decide(settings, new(9, 1, true, 3, 0));

        Assert.Equal(8, decision.MaxScale);
        Assert.Equal(7, decision.ToStart);
    }

    [Fact]
    public void MinAboveMaxIsClampedToMax()
    {
        var settings = new ScaledJobSettings { MinExecutions = 5, MaxExecutions = 3 };

        Assert.Equal(3, settings.EffectiveMinExecutions);
        Assert.Equal(3, settings.EffectiveMaxExecutions);
        Assert.Equal(3, ScaledJobCalculator.Decide(settings, new(0, 1, false, 0, 0)).ToStart);
    }

    [Fact]
    public void AZeroTargetScalesNothingOnQueueLength()
    {
        var decision = ScaledJobCalculator.Decide(MaxTen, new(5, 0, true, 0, 0));

        Assert.Equal(0, decision.MaxScale);
        Assert.Equal(0, decision.ToStart);
    }

    [Fact]
    public void AQueueBelowTheActivationThresholdCountsAsZero()
    {
        // KEDA (scaledjob/metrics.go): an inactive trigger adds no queue length. Min 1, max 10, activation 5, 3 queued
        // and 1 running: the job is active through its minimum, which is met, so nothing starts (not 3).
        var settings = new ScaledJobSettings { MinExecutions = 1, MaxExecutions = 10 };
        var decision = ScaledJobCalculator.Decide(settings, new(QueueLength: 3, TargetQueueLength: 1, ScalerActive: false, Running: 1, Pending: 0));

        Assert.True(decision.Active);
        Assert.Equal(0, decision.MaxScale);
        Assert.Equal(0, decision.ToStart);
    }

    [Fact]
    public void AFailingScalerStillKeepsTheMinimumUp()
    {
        // A trigger whose scaler failed is skipped; the minimum executions are still started (scale_jobs.go).
        var settings = new ScaledJobSettings { MinExecutions = 2, MaxExecutions = 10 };
        var decision = ScaledJobCalculator.Decide(settings, new(QueueLength: 0, TargetQueueLength: 1, ScalerActive: false, Running: 0, Pending: 0));

        Assert.Equal(2, decision.ToStart);
    }
}
