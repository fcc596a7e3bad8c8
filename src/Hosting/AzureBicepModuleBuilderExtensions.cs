using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace Aspire.Hosting;

/// <summary>Shared plumbing of the publish-only Azure resources.</summary>
internal static class AzureBicepModuleBuilderExtensions
{
    /// <summary>
    /// Adds a module resource to the model when publishing; under <c>dotnet run</c> it gets a builder but stays out of
    /// the model (nothing in Azure is needed to run locally).
    /// </summary>
    public static IResourceBuilder<T> AddBicepModuleResource<T>(this IDistributedApplicationBuilder builder, T resource)
        where T : AzureBicepModuleResource
    {
        var resourceBuilder = builder.ExecutionContext.IsPublishMode
            ? builder.AddResource(resource)
            : builder.CreateResourceBuilder(resource);

        return resourceBuilder.WithManifestPublishingCallback(context =>
            BicepModuleWriter.FailProcessOnErrorAsync(() => BicepModuleWriter.WriteModuleResourceAsync(context, resource)));
    }
}
