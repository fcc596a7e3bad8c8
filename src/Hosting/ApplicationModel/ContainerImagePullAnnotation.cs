namespace Aspire.Hosting.ApplicationModel;

/// <summary>The registry a job's or app's image comes from and the user-assigned identity that pulls it.</summary>
/// <param name="registry">The registry.</param>
/// <param name="identity">The identity that holds <c>AcrPull</c> on the registry.</param>
public sealed class ContainerImagePullAnnotation(AzureContainerRegistryResource registry, AzureManagedIdentityResource identity) : IResourceAnnotation
{
    /// <summary>Gets the registry.</summary>
    public AzureContainerRegistryResource Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Gets the identity that pulls the image.</summary>
    public AzureManagedIdentityResource Identity { get; } = identity ?? throw new ArgumentNullException(nameof(identity));
}
