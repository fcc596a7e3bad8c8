namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A user-assigned managed identity. Jobs pull their image with it, and agents and the Scaler authenticate to Azure
/// DevOps with one: it exists from provisioning on, so it can be granted <c>AcrPull</c> and Azure DevOps access before
/// any job runs, which a job's system-assigned identity cannot.
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

        var access = Annotations.OfType<AzureDevOpsAccessAnnotation>().ToList();
        if (access.Count > 0)
        {
            var pools = access
                .Select(a => a.Job.TryGetLastAnnotation<AzurePipelinesPoolAnnotation>(out var pool)
                    ? pool
                    : throw new DistributedApplicationException(
                        $"Job '{a.Job.Name}' has no Azure DevOps organisation and pool: call WithAzurePipelinesPool(organizationUrl, poolName)."))
                .DistinctBy(p => (p.OrganizationUrl, p.PoolName))
                .ToList();
            if (pools is not [var pool])
            {
                throw new DistributedApplicationException(
                    $"Identity '{Name}' serves jobs of {pools.Count} agent pools; give each pool its own identity, so that each is granted only its own pool.");
            }

            parameters["azureDevOpsPoolRole"] = access.Any(a => a.PoolRole == AzureDevOpsAccessAnnotation.AdministratorRole)
                ? AzureDevOpsAccessAnnotation.AdministratorRole
                : AzureDevOpsAccessAnnotation.ReaderRole;
            parameters["organizationUrl"] = pool.OrganizationUrl;
            parameters["poolName"] = pool.PoolName;
        }
    }
}
