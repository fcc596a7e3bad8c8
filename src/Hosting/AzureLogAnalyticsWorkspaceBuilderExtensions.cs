using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds a Log Analytics workspace.</summary>
public static class AzureLogAnalyticsWorkspaceBuilderExtensions
{
    /// <summary>
    /// Adds a Log Analytics workspace for the container apps environment's logs. Publish only: under
    /// <c>dotnet run</c> the workspace is not part of the model.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The workspace's resource builder.</returns>
    public static IResourceBuilder<AzureLogAnalyticsWorkspaceResource> AddAzureLogAnalyticsWorkspace(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddBicepModuleResource(new AzureLogAnalyticsWorkspaceResource(name));
    }
}
