using System.Text.Json.Nodes;
using Aspire.Hosting;
using AspireAgents.Hosting.Tests.Infrastructure;
using static AspireAgents.Hosting.Tests.Infrastructure.ArmAssert;

namespace AspireAgents.Hosting.Tests;

public class EnvironmentOptionsTests
{
    public const string SubnetId =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aca";

    private const string EnvironmentType = "Microsoft.App/managedEnvironments";

    private static async Task<JsonObject> DeployedEnvironmentAsync(Action<TestModel>? configure = null)
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(configureEnvironment: configure, placeholder: false));
        return Single(DeployedModules.Predict(manifest, "aca"), EnvironmentType);
    }

    [Fact]
    public async Task DefaultEnvironmentIsConsumptionOnlyWithoutNetworkAndSendsLogsToTheWorkspace()
    {
        var environment = await DeployedEnvironmentAsync();

        var profile = Assert.Single(At(environment, "properties.workloadProfiles")!.AsArray())!;
        Assert.Equal(("Consumption", "Consumption"), (Text(profile, "name"), Text(profile, "workloadProfileType")));
        Assert.Null(At(environment, "properties.vnetConfiguration"));
        Assert.False(At(environment, "properties.zoneRedundant")!.GetValue<bool>());
        Assert.Equal("log-analytics", Text(environment, "properties.appLogsConfiguration.destination"));
        Assert.Contains("Microsoft.OperationalInsights/workspaces', '<logs.outputs.name>'", Text(environment, "properties.appLogsConfiguration.logAnalyticsConfiguration.customerId"));
        Assert.Contains("listKeys", Text(environment, "properties.appLogsConfiguration.logAnalyticsConfiguration.sharedKey"));
    }

    [Fact]
    public async Task DedicatedWorkloadProfileAddsOnlyThatProfile()
    {
        var baseline = await DeployedEnvironmentAsync();
        var dedicated = await DeployedEnvironmentAsync(m => m.Environment.WithDedicatedWorkloadProfile("D4", minimumCount: 1, maximumCount: 4));

        Assert.Equal(
            ["properties.workloadProfiles.1.maximumCount", "properties.workloadProfiles.1.minimumCount",
             "properties.workloadProfiles.1.name", "properties.workloadProfiles.1.workloadProfileType"],
            ChangedPaths(baseline, dedicated));
        var profile = At(dedicated, "properties.workloadProfiles.1")!;
        Assert.Equal(("dedicated", "D4", 1, 4), (Text(profile, "name"), Text(profile, "workloadProfileType"), Int(profile, "minimumCount"), Int(profile, "maximumCount")));
    }

    [Fact]
    public async Task VirtualNetworkSetsOnlyTheSubnetAndInternal()
    {
        var baseline = await DeployedEnvironmentAsync();
        var network = await DeployedEnvironmentAsync(m => m.Environment.WithVirtualNetwork(SubnetId, @internal: true));

        Assert.Equal(
            ["properties.vnetConfiguration", "properties.vnetConfiguration.infrastructureSubnetId", "properties.vnetConfiguration.internal"],
            ChangedPaths(baseline, network));
        Assert.Equal(SubnetId, Text(network, "properties.vnetConfiguration.infrastructureSubnetId"));
        Assert.True(At(network, "properties.vnetConfiguration.internal")!.GetValue<bool>());
    }

    [Fact]
    public async Task ZoneRedundancyChangesOnlyZoneRedundant()
    {
        var network = await DeployedEnvironmentAsync(m => m.Environment.WithVirtualNetwork(SubnetId));
        var zones = await DeployedEnvironmentAsync(m => m.Environment.WithVirtualNetwork(SubnetId).WithZoneRedundancy());

        Assert.Equal(["properties.zoneRedundant"], ChangedPaths(network, zones));
        Assert.True(At(zones, "properties.zoneRedundant")!.GetValue<bool>());
        Assert.False(At(network, "properties.vnetConfiguration.internal")!.GetValue<bool>());
    }
}
