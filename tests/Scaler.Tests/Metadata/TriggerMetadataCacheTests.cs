using AspireAgents.Scaler.Metadata;
using Grpc.Core;

namespace AspireAgents.Scaler.Tests.Metadata;

public class TriggerMetadataCacheTests
{
    [Fact]
    public void TheSameMetadataInAnotherOrderIsParsedOnce()
    {
        var cache = new TriggerMetadataCache();
        var first = new Dictionary<string, string> { ["organizationURL"] = "https://dev.azure.com/contoso", ["poolID"] = "1", ["demands"] = "docker" };
        var second = new Dictionary<string, string> { ["demands"] = "docker", ["poolID"] = "1", ["organizationURL"] = "https://dev.azure.com/contoso" };

        Assert.Same(cache.GetOrParse(first), cache.GetOrParse(second));
    }

    [Fact]
    public void DifferentMetadataGivesDifferentTriggers()
    {
        var cache = new TriggerMetadataCache();
        var first = new Dictionary<string, string> { ["organizationURL"] = "https://dev.azure.com/contoso", ["poolID"] = "1" };
        var second = new Dictionary<string, string> { ["organizationURL"] = "https://dev.azure.com/contoso", ["poolID"] = "2" };

        Assert.NotSame(cache.GetOrParse(first), cache.GetOrParse(second));
        Assert.Equal(2, cache.GetOrParse(second).PoolId);
    }

    [Fact]
    public void InvalidMetadataFailsTheSameWayEveryTime()
    {
        var cache = new TriggerMetadataCache();
        var metadata = new Dictionary<string, string> { ["poolID"] = "1" };

        var first = Assert.Throws<ScalerException>(() => cache.GetOrParse(metadata));
        var second = Assert.Throws<ScalerException>(() => cache.GetOrParse(metadata));

        Assert.Equal(StatusCode.InvalidArgument, second.StatusCode);
        Assert.Equal(first.Message, second.Message);
    }
}
