using AspireAgents.AzureDevOps.Http;
using Azure.Core;

namespace AspireAgents.AzureDevOps.DependencyInjection;

/// <summary>
/// Settings for <c>AddAzureDevOpsClient</c>, usually bound from the <c>AzureDevOps</c> configuration section
/// (<c>AzureDevOps:OrganizationUrl</c>, <c>AzureDevOps:Authentication</c>, <c>AzureDevOps:Http:MaxAttempts</c>…).
/// </summary>
public sealed class AzureDevOpsClientOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "AzureDevOps";

    /// <summary>The organisation that an injected <c>IAzureDevOpsClient</c> talks to; optional when clients come from <c>IAzureDevOpsClientFactory</c>.</summary>
    public Uri? OrganizationUrl { get; set; }

    /// <summary>How to authenticate; <see cref="AzureDevOpsAuthenticationMode.Auto"/> by default.</summary>
    public AzureDevOpsAuthenticationMode Authentication { get; set; }

    /// <summary>A personal access token, used in <see cref="AzureDevOpsAuthenticationMode.PersonalAccessToken"/> mode and as the fallback in Auto mode.</summary>
    public string? PersonalAccessToken { get; set; }

    /// <summary>The client id of a user-assigned managed identity; <c>AZURE_CLIENT_ID</c> when unset; the system-assigned identity when neither is set.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>A credential to use instead of the ones <see cref="Authentication"/> selects.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How long before expiry a token is refreshed (at most half its lifetime). Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries, rate-limit budget and timeouts.</summary>
    public AzureDevOpsHttpOptions Http { get; set; } = new();
}
