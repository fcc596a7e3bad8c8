namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A user-assigned managed identity. Jobs pull their image with it, because a job's system-assigned identity does
/// not exist before the job and cannot be granted <c>AcrPull</c> in time; it can also authenticate to Azure DevOps.
/// </summary>
/// <param name="name">The resource name.</param>
public sealed class AzureManagedIdentityResource(string name) : AzureBicepModuleResource(name, "managed-identity.bicep")
{
    /// <summary>The id of the built-in <c>AcrPull</c> role.</summary>
    public const string AcrPullRoleDefinitionId = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    /// <summary>Gets the identity's resource id.</summary>
    public BicepOutputReference Id => GetOutput("id");

    /// <summary>Gets the identity's client id (<c>AZURE_CLIENT_ID</c> for code that signs in with it).</summary>
    public BicepOutputReference ClientId => GetOutput("clientId");

    /// <summary>Gets the identity's principal (object) id.</summary>
    public BicepOutputReference PrincipalId => GetOutput("principalId");

    internal override void AddParameters(IDictionary<string, object> parameters)
    {
        parameters["name"] = Name;
        if (this.TryGetLastAnnotation<AcrPullAnnotation>(out var acrPull))
        {
            parameters["registryName"] = acrPull.Registry.NameOutput;
        }
    }
}
