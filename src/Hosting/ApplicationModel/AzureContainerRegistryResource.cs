namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Azure Container Registry for the agent images, with the admin user off: images are pulled with a
/// user-assigned managed identity that holds <c>AcrPull</c> (see <see cref="AzureManagedIdentityResource"/>).
/// </summary>
/// <param name="name">The resource name.</param>
public sealed class AzureContainerRegistryResource(string name) : AzureBicepModuleResource(name, "container-registry.bicep")
{
    /// <summary>
    /// Output name of the login server. It follows azd's convention, so azd pushes the images it builds to this registry.
    /// </summary>
    internal const string EndpointOutputName = "AZURE_CONTAINER_REGISTRY_ENDPOINT";

    /// <summary>Gets the registry's login server, for example <c>myregistry.azurecr.io</c>.</summary>
    public BicepOutputReference Endpoint => GetOutput(EndpointOutputName);

    /// <summary>Gets the registry's resource name.</summary>
    public BicepOutputReference NameOutput => GetOutput("name");

    internal override void AddParameters(IDictionary<string, object> parameters)
    {
        parameters["name"] = Name;
    }
}
