using Aspire.Hosting.ApplicationModel;
using AspireAgents.Hosting.Tests.Infrastructure;
using static AspireAgents.Hosting.Tests.Infrastructure.ArmAssert;

namespace AspireAgents.Hosting.Tests;

public class RegistryAndIdentityTests
{
    [Fact]
    public async Task RegistryHasTheAdminUserOffAndAGloballyUniqueName()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        var registry = Single(DeployedModules.Predict(manifest, "registry"), "Microsoft.ContainerRegistry/registries");
        Assert.False(At(registry, "properties.adminUserEnabled")!.GetValue<bool>());
        Assert.Contains("uniqueString(", Text(registry, "name"));
        Assert.Contains("'registry'", Text(registry, "name"));
        Assert.Equal("Basic", Text(registry, "sku.name"));
    }

    [Fact]
    public async Task PullIdentityGetsAcrPullOnTheRegistry()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        var resources = DeployedModules.Predict(manifest, "pull-identity");
        Single(resources, "Microsoft.ManagedIdentity/userAssignedIdentities");
        var assignment = Single(resources, "Microsoft.Authorization/roleAssignments");
        Assert.Contains(
            $"'Microsoft.Authorization/roleDefinitions', '{AzureManagedIdentityResource.AcrPullRoleDefinitionId}'",
            Text(assignment, "properties.roleDefinitionId"));
        Assert.Contains("7f951dda-4ed3-4680-a7ca-43fe172d538d", Text(assignment, "properties.roleDefinitionId"));
        Assert.Equal("ServicePrincipal", Text(assignment, "properties.principalType"));
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", Text(assignment, "properties.principalId"));
        Assert.Contains("extensionResourceId(", Text(assignment, "id"));
        Assert.Contains("'Microsoft.ContainerRegistry/registries', '<registry.outputs.name>'", Text(assignment, "id"));
    }

    [Fact]
    public async Task IdentityWithoutAcrPullGrantsNothing()
    {
        using var manifest = await PublishedManifest.PublishAsync(builder =>
            Aspire.Hosting.AzureManagedIdentityBuilderExtensions.AddAzureManagedIdentity(builder, "lonely"));

        var resources = DeployedModules.Predict(manifest, "lonely");
        Assert.DoesNotContain(resources, r => Text(r, "type") == "Microsoft.Authorization/roleAssignments");
    }
}
