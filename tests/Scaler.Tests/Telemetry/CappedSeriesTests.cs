using AspireAgents.Scaler.Telemetry;

namespace AspireAgents.Scaler.Tests.Telemetry;

public class CappedSeriesTests
{
    [Fact]
    public void PastTheCapValuesGoToTheOverflowSeries()
    {
        var series = new CappedSeries<string>("_other") { MaxSeries = 3 };

        for (var i = 0; i < 1000; i++)
        {
            series.Set($"scaled-object-{i}", i);
        }

        Assert.Equal(4, series.Count);
        Assert.Contains(series.Values, v => v.Key == "_other" && v.Value == 999);
        Assert.Contains(series.Values, v => v.Key == "scaled-object-0");
    }

    [Fact]
    public void AKeptSeriesKeepsUpdatingAfterTheCapIsReached()
    {
        var series = new CappedSeries<string>("_other") { MaxSeries = 1 };
        series.Set("agents", 1);
        series.Set("intruder", 5);

        series.Set("agents", 7);

        Assert.Contains(series.Values, v => v.Key == "agents" && v.Value == 7);
        Assert.DoesNotContain(series.Values, v => v.Key == "intruder");
    }
}
