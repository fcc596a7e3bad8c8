using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds user-assigned managed identities.</summary>
public static class AzureManagedIdentityBuilderExtensions
{
    /// <summary>
    /// Adds a user-assigned managed identity. Publish only: under <c>dotnet run</c> the identity is not part of the model.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The identity's resource builder.</returns>
    public static IResourceBuilder<AzureManagedIdentityResource> AddAzureManagedIdentity(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddBicepModuleResource(new AzureManagedIdentityResource(name));
    }

    /// <summary>
    /// Grants the identity the <c>AcrPull</c> role (<c>7f951dda-4ed3-4680-a7ca-43fe172d538d</c>) on a registry, so that
    /// jobs and apps pull their images with it.
    /// </summary>
    /// <param name="builder">The identity's resource builder.</param>
    /// <param name="registry">The registry.</param>
    /// <returns>The identity's resource builder.</returns>
    public static IResourceBuilder<AzureManagedIdentityResource> WithAcrPull(
        this IResourceBuilder<AzureManagedIdentityResource> builder, IResourceBuilder<AzureContainerRegistryResource> registry)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);

        return builder.WithAnnotation(new AcrPullAnnotation(registry.Resource), ResourceAnnotationMutationBehavior.Replace);
    }
}
