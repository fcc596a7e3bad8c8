using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class ScalingPairingTests
{
    [Theory]
    [InlineData(KedaScalingStrategy.Default, true)]
    [InlineData(KedaScalingStrategy.Accurate, false)]
    [InlineData(KedaScalingStrategy.Eager, false)]
    [InlineData(KedaScalingStrategy.Custom, true)]
    [InlineData(KedaScalingStrategy.Custom, false)]
    public void MatchingPairingsGetNoWarning(KedaScalingStrategy strategy, bool scaleOnInFlight)
    {
        Assert.Null(ScalingPairing.Warning(strategy, scaleOnInFlight));
    }

    [Theory]
    [InlineData(KedaScalingStrategy.Default, false, "under-scales", "#7878")]
    [InlineData(KedaScalingStrategy.Accurate, true, "over-scales", "#7747")]
    [InlineData(KedaScalingStrategy.Eager, true, "over-scales", "scaleOnInFlight=false")]
    public void MismatchedPairingsAreExplainedWithTheFix(KedaScalingStrategy strategy, bool scaleOnInFlight, string effect, string pointer)
    {
        var warning = ScalingPairing.Warning(strategy, scaleOnInFlight);

        Assert.NotNull(warning);
        Assert.Contains(effect, warning);
        Assert.Contains(pointer, warning);
    }
}
