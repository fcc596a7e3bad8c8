using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds an Azure Container Registry for the agent images.</summary>
public static class AzureContainerRegistryBuilderExtensions
{
    /// <summary>
    /// Adds an Azure Container Registry (admin user off). azd pushes the images it builds to it. Publish only: under
    /// <c>dotnet run</c> the registry is not part of the model.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The registry's resource builder.</returns>
    public static IResourceBuilder<AzureContainerRegistryResource> AddAzureContainerRegistry(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddBicepModuleResource(new AzureContainerRegistryResource(name));
    }
}
