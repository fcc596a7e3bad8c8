namespace Aspire.Hosting.ApplicationModel;

/// <summary>The container apps environment (and workload profile) a job or app is deployed to.</summary>
/// <param name="environment">The environment.</param>
public sealed class ContainerAppsEnvironmentReferenceAnnotation(AzureContainerAppsEnvironmentResource environment) : IResourceAnnotation
{
    /// <summary>Gets the environment.</summary>
    public AzureContainerAppsEnvironmentResource Environment { get; } = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <summary>Gets or sets the workload profile; <see langword="null"/> uses the environment's default profile.</summary>
    public string? WorkloadProfileName { get; set; }
}
