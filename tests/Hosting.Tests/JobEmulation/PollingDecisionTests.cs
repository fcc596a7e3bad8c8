using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using Grpc.Core;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class PollingDecisionTests
{
    private static readonly ScaledJobSettings MaxThree = new() { MaxExecutions = 3 };

    [Fact]
    public void ADecisionThatStartsExecutionsHasNoReason()
    {
        var decision = PollingDecision.Decide(MaxThree, new(0, 0), Reading(queueLength: 2));

        Assert.Equal(2, decision.ToStart);
        Assert.Null(decision.Reason);
        Assert.False(decision.IsScalerError);
    }

    [Fact]
    public void AnInactiveScalerStartsNothingBecauseNoJobWaits()
    {
        var decision = PollingDecision.Decide(MaxThree, new(0, 0), Reading(queueLength: 0, active: false));

        Assert.Equal(0, decision.ToStart);
        Assert.Equal("inactive: no job waits", decision.Reason);
    }

    [Fact]
    public void AJobAtItsMaximumStartsNothingBecauseOfIt()
    {
        var decision = PollingDecision.Decide(MaxThree, new(Running: 3, Pending: 0), Reading(queueLength: 5));

        Assert.Equal("at max executions", decision.Reason);
    }

    [Fact]
    public void ExecutionsForEveryQueuedJobMeanNothingMoreStarts()
    {
        var decision = PollingDecision.Decide(MaxThree, new(Running: 2, Pending: 1), Reading(queueLength: 2));

        Assert.Equal("enough executions for the queue", decision.Reason);
    }

    [Fact]
    public void AFailingScalerIsTheReasonAndStillKeepsTheMinimumUp()
    {
        var settings = MaxThree with { MinExecutions = 1 };

        var decision = PollingDecision.WithoutScaler(settings, new(0, 0), "Unavailable: Azure DevOps is down");

        Assert.True(decision.IsScalerError);
        Assert.Null(decision.Reading);
        Assert.Equal(1, decision.ToStart);
        Assert.Equal("scaler error: Unavailable: Azure DevOps is down", decision.Reason);
    }

    [Fact]
    public void AFailingScalerWithoutAMinimumStartsNothing()
    {
        var decision = PollingDecision.WithoutScaler(MaxThree, new(Running: 1, Pending: 0), "no metric");

        Assert.Equal(0, decision.ToStart);
        Assert.Equal("scaler error: no metric", decision.Reason);
    }

    private static ScalerReading Reading(double queueLength, bool active = true) =>
        new("azure-pipelines-10", queueLength, Target: 1, active && queueLength > 0);
}
