namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Azure Container App a project is deployed as: the deployment target of the external Scaler. It has HTTP/2
/// ingress inside the environment (TLS terminated by the environment), a user-assigned identity for Azure DevOps and
/// the job's pull identity for its image.
/// </summary>
/// <param name="app">The project deployed as the container app.</param>
/// <param name="host">The job whose environment and registry the app shares.</param>
/// <param name="azureDevOpsIdentity">The identity the app reads Azure DevOps with.</param>
public sealed class AzureContainerAppResource(ProjectResource app, ContainerAppJobResource host, AzureManagedIdentityResource azureDevOpsIdentity)
    : Resource(NameFor(app))
{
    /// <summary>Gets the identity the app reads Azure DevOps with.</summary>
    public AzureManagedIdentityResource AzureDevOpsIdentity { get; } = azureDevOpsIdentity ?? throw new ArgumentNullException(nameof(azureDevOpsIdentity));

    /// <summary>The port the app listens on inside its container (HTTP/2 without TLS).</summary>
    public const int TargetPort = 8080;

    /// <summary>Gets the project deployed as the container app.</summary>
    public ProjectResource App { get; } = app ?? throw new ArgumentNullException(nameof(app));

    /// <summary>Gets the job whose environment and registry the app shares.</summary>
    public ContainerAppJobResource Host { get; } = host ?? throw new ArgumentNullException(nameof(host));

    private static string NameFor(ProjectResource app) =>
        (app ?? throw new ArgumentNullException(nameof(app))).Name + "-containerapp";
}
