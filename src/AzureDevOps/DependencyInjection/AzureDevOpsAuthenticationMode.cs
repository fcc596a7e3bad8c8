namespace AspireAgents.AzureDevOps.DependencyInjection;

/// <summary>How <c>AddAzureDevOpsClient</c> authenticates when no <see cref="AzureDevOpsClientOptions.Credential"/> is given.</summary>
public enum AzureDevOpsAuthenticationMode
{
    /// <summary>
    /// Managed identity when the environment offers one (<c>IDENTITY_ENDPOINT</c> or <c>MSI_ENDPOINT</c>, as in Container
    /// Apps and App Service); otherwise the personal access token when one is configured; otherwise managed identity
    /// through the instance metadata service.
    /// </summary>
    Auto,

    /// <summary>Azure.Identity's <c>ManagedIdentityCredential</c>, with <see cref="AzureDevOpsClientOptions.ManagedIdentityClientId"/> or <c>AZURE_CLIENT_ID</c> for a user-assigned identity.</summary>
    ManagedIdentity,

    /// <summary>Azure.Identity's <c>DefaultAzureCredential</c> (environment, workload identity, managed identity, developer tools).</summary>
    DefaultAzureCredential,

    /// <summary>The <see cref="AzureDevOpsClientOptions.PersonalAccessToken"/> as HTTP Basic.</summary>
    PersonalAccessToken,
}
