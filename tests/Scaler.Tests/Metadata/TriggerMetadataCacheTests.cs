using AspireAgents.Scaler.Configuration;
using AspireAgents.Scaler.Metadata;
using Grpc.Core;
using Microsoft.Extensions.Options;

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

    private static TriggerMetadataCache Capped(int entries, long bytes)
    {
        var options = new ScalerOptions();
        options.Limits.MetadataCacheEntries = entries;
        options.Limits.MetadataCacheBytes = bytes;
        return new TriggerMetadataCache(Options.Create(options));
    }

    private static Dictionary<string, string> Pool(int id, string demands = "") =>
        new() { ["organizationURL"] = "https://dev.azure.com/contoso", ["poolID"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["demands"] = demands };

    [Fact]
    public void NoMoreMapsThanTheEntryCapAreRemembered()
    {
        var cache = Capped(entries: 10, bytes: long.MaxValue);

        for (var i = 1; i <= 1000; i++)
        {
            cache.GetOrParse(Pool(i));
            Assert.InRange(cache.Count, 1, 10);
        }
    }

    [Fact]
    public void RememberedMapsStayWithinTheSizeCap()
    {
        var cache = Capped(entries: int.MaxValue, bytes: 64 * 1024);

        for (var i = 1; i <= 200; i++)
        {
            cache.GetOrParse(Pool(i, new string('x', 4000)));
            Assert.InRange(cache.Bytes, 1, 64 * 1024);
        }
    }

    [Fact]
    public void AMapLargerThanTheSizeCapIsParsedButNotRemembered()
    {
        var cache = Capped(entries: 100, bytes: 1024);

        var trigger = cache.GetOrParse(Pool(1, new string('x', 2000)));

        Assert.Equal(1, trigger.PoolId);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void InvalidMapsCountAgainstTheCapsToo()
    {
        var cache = Capped(entries: 5, bytes: long.MaxValue);

        for (var i = 0; i < 100; i++)
        {
            Assert.Throws<ScalerException>(() => cache.GetOrParse(new Dictionary<string, string> { ["poolID"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        Assert.InRange(cache.Count, 1, 5);
    }

    [Fact]
    public void TheAllowListFromTheSettingsApplies()
    {
        var options = new ScalerOptions();
        options.AllowedOrganizationHosts.Add("ado.contoso.com");
        var cache = new TriggerMetadataCache(Options.Create(options));

        var trigger = cache.GetOrParse(new Dictionary<string, string> { ["organizationURL"] = "https://ado.contoso.com/tfs/DefaultCollection", ["poolID"] = "1" });
        var refused = Assert.Throws<ScalerException>(() => cache.GetOrParse(new Dictionary<string, string> { ["organizationURL"] = "https://other.contoso.com/tfs/DefaultCollection", ["poolID"] = "1" }));

        Assert.Equal("ado.contoso.com", trigger.OrganizationUrl.Host);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }
}
