using Azure.Core;
using Azure.Identity;

namespace AspireAgents.AgentRunner.Tokens;

/// <summary>
/// Gets the token that registers and removes the agent: from the managed identity through Azure.Identity
/// (a new one whenever the last is near its expiry, so a long job never leaves the removal with a stale token),
/// or the token given in the environment.
/// </summary>
internal sealed class RegistrationTokenProvider
{
    /// <summary>The Azure DevOps application id; tokens for it are accepted by every organisation.</summary>
    public const string AzureDevOpsScope = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    private static readonly TokenRequestContext Request = new([AzureDevOpsScope]);

    private readonly RegistrationCredential _credential;
    private readonly SecretRedactor _redactor;

    /// <summary>Creates the provider for <paramref name="credential"/>.</summary>
    public RegistrationTokenProvider(RegistrationCredential credential, SecretRedactor redactor)
    {
        _credential = credential;
        _redactor = redactor;
        _redactor.Add(credential.Token);
        TokenCredential = credential.IsManagedIdentity
            ? new ManagedIdentityCredential(credential.ManagedIdentityClientId is { } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : null;
    }

    /// <summary>The managed identity's credential, or <see langword="null"/> with a token from the environment.</summary>
    public TokenCredential? TokenCredential { get; }

    /// <summary>A token valid now.</summary>
    /// <exception cref="RegistrationTokenException">The managed identity gave no token.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (TokenCredential is null)
        {
            return _credential.Token!;
        }

        try
        {
            var token = await TokenCredential.GetTokenAsync(Request, cancellationToken).ConfigureAwait(false);
            _redactor.Add(token.Token);
            return token.Token;
        }
        catch (AuthenticationFailedException e)
        {
            // CredentialUnavailableException derives from it: no identity endpoint at all.
            throw new RegistrationTokenException(
                $"The {_credential} gave no token for Azure DevOps: {FirstLine(e.Message)} " +
                $"Fix: assign a managed identity to the job (and set {EnvironmentNames.ClientId} to its client id when it is user-assigned), " +
                $"or set {EnvironmentNames.Token}/{EnvironmentNames.TokenFile} where no managed identity exists.",
                e);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
