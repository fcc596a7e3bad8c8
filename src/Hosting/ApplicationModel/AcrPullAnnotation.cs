namespace Aspire.Hosting.ApplicationModel;

/// <summary>Grants an <see cref="AzureManagedIdentityResource"/> the <c>AcrPull</c> role on a registry.</summary>
/// <param name="registry">The registry the identity may pull from.</param>
public sealed class AcrPullAnnotation(AzureContainerRegistryResource registry) : IResourceAnnotation
{
    /// <summary>Gets the registry the identity may pull from.</summary>
    public AzureContainerRegistryResource Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));
}
