using AspireAgents.AzureDevOps.Auth;
using Azure.Core;
using Azure.Identity;

namespace AspireAgents.AzureDevOps.DependencyInjection;

/// <summary>Turns <see cref="AzureDevOpsClientOptions"/> into an <see cref="AzureDevOpsAuthentication"/>.</summary>
public static class AzureDevOpsAuthenticationFactory
{
    /// <summary>Creates the authentication the options select.</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for token refresh.</param>
    /// <param name="environment">Reads environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    /// <returns>The authentication.</returns>
    /// <exception cref="InvalidOperationException">PAT mode without a token.</exception>
    public static AzureDevOpsAuthentication Create(AzureDevOpsClientOptions options, TimeProvider? timeProvider = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= Environment.GetEnvironmentVariable;
        if (options.Credential is { } credential)
        {
            return new TokenCredentialAuthentication(credential, timeProvider, options.TokenRefreshMargin);
        }

        var hasPat = !string.IsNullOrWhiteSpace(options.PersonalAccessToken);
        var mode = options.Authentication;
        if (mode == AzureDevOpsAuthenticationMode.Auto)
        {
            var environmentHasIdentity = !string.IsNullOrEmpty(environment("IDENTITY_ENDPOINT")) || !string.IsNullOrEmpty(environment("MSI_ENDPOINT"));
            mode = environmentHasIdentity || !hasPat ? AzureDevOpsAuthenticationMode.ManagedIdentity : AzureDevOpsAuthenticationMode.PersonalAccessToken;
        }

        return mode switch
        {
            AzureDevOpsAuthenticationMode.PersonalAccessToken when hasPat => new PersonalAccessTokenAuthentication(options.PersonalAccessToken!),
            AzureDevOpsAuthenticationMode.PersonalAccessToken => throw new InvalidOperationException(
                $"{AzureDevOpsClientOptions.SectionName}:Authentication is PersonalAccessToken but {AzureDevOpsClientOptions.SectionName}:PersonalAccessToken is empty: set it, or use managed identity."),
            AzureDevOpsAuthenticationMode.DefaultAzureCredential => new TokenCredentialAuthentication(
                CreateDefaultCredential(options.ManagedIdentityClientId ?? environment("AZURE_CLIENT_ID")), timeProvider, options.TokenRefreshMargin),
            _ => new TokenCredentialAuthentication(
                CreateManagedIdentityCredential(options.ManagedIdentityClientId ?? environment("AZURE_CLIENT_ID")), timeProvider, options.TokenRefreshMargin),
        };
    }

    private static ManagedIdentityCredential CreateManagedIdentityCredential(string? clientId) =>
        new(string.IsNullOrWhiteSpace(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));

    private static DefaultAzureCredential CreateDefaultCredential(string? clientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
            ExcludeInteractiveBrowserCredential = true,
        });
}
