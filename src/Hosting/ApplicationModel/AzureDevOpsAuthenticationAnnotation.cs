namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a job's scale rule and agents authenticate to Azure DevOps.</summary>
public sealed class AzureDevOpsAuthenticationAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets the kind of managed identity used when no personal access token is given. Defaults to system-assigned.</summary>
    public AzureDevOpsIdentity Identity { get; set; } = AzureDevOpsIdentity.SystemAssigned;

    /// <summary>Gets or sets the user-assigned identity, when <see cref="Identity"/> is <see cref="AzureDevOpsIdentity.UserAssigned"/>.</summary>
    public AzureManagedIdentityResource? UserAssignedIdentity { get; set; }

    /// <summary>
    /// Gets or sets the fallback: a secret parameter holding a personal access token (scope Agent Pools, read and manage).
    /// When set, the scale rule and the agents use it instead of the identity.
    /// </summary>
    public ParameterResource? PersonalAccessToken { get; set; }
}
