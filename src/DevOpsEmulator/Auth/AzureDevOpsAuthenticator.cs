using System.Security.Cryptography;
using System.Text;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Identity;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>
/// Judges credentials as Azure DevOps does: a Bearer token whose audience is the Azure DevOps app id, unexpired,
/// of an identity added to the organisation; such a token or a personal access token as the Basic password (any
/// user name: the agent sends <c>VstsAgent</c>); or an agent's own access token from its client assertion.
/// </summary>
internal sealed class AzureDevOpsAuthenticator(TokenService tokens, AgentTokenService agentTokens, IdentityDirectory identities, IOptions<EmulatorOptions> options)
{
    /// <summary>The identity PATs stand for: the emulator has one user.</summary>
    private static readonly Guid PatUserId = new("8d5c7a3e-0000-4000-8000-00000000a5e1");

    private readonly EmulatorOptions _options = options.Value;

    public AuthResult Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return new AuthResult(AuthOutcome.Unauthorized, null, "no credentials were sent");
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        var parameter = space < 0 ? "" : header[(space + 1)..].Trim();
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateBasic(parameter);
        }

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateBearer(parameter);
        }

        return new AuthResult(AuthOutcome.Unauthorized, null, $"the authentication scheme '{scheme}' is not supported");
    }

    private AuthResult AuthenticateBasic(string parameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return new AuthResult(AuthOutcome.SignInPage, null, "the Basic credentials are not base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new AuthResult(AuthOutcome.SignInPage, null, "the Basic credentials have no 'user:password' form");
        }

        // The agent registers with Basic VstsAgent:{token}, the token being a PAT or an Entra access token
        // (azure-pipelines-agent src/Agent.Listener/Configuration/CredentialProvider.cs:220); the user name is not checked.
        var password = decoded[(colon + 1)..];
        if (password.Count(c => c == '.') == 2)
        {
            return AuthenticateBearer(password);
        }

        var known = _options.PersonalAccessTokens.Any(pat => pat.Length > 0 && FixedTimeEquals(pat, password));
        return known
            ? new AuthResult(AuthOutcome.Authenticated, $"pat:{Fingerprint(password)}", "",
                new Caller(PatUserId, "Local User", $"Microsoft.IdentityModel.Claims.ClaimsIdentity;{_options.TenantId}\\local.user@{_options.Organization}"))
            : new AuthResult(AuthOutcome.Unauthorized, null, "the personal access token is not known to the organisation");
    }

    private AuthResult AuthenticateBearer(string token)
    {
        if (agentTokens.TryValidate(token, out var agent, out var agentFailure))
        {
            return new AuthResult(AuthOutcome.Authenticated, $"agent:{agent!.ClientId}", "",
                new Caller(agent.ClientId, $"Agent {agent.AgentName}", $"Microsoft.TeamFoundation.ServiceIdentity;agent:{agent.ClientId}", agent));
        }

        if (agentFailure.Length > 0)
        {
            return new AuthResult(AuthOutcome.Unauthorized, null, agentFailure);
        }

        if (!tokens.TryValidate(token, out var claims, out var failure))
        {
            return new AuthResult(AuthOutcome.Unauthorized, null, failure);
        }

        if (!claims!.Audience.Equals(TokenService.AzureDevOpsResource, StringComparison.OrdinalIgnoreCase))
        {
            return new AuthResult(AuthOutcome.Unauthorized, null,
                $"the token's audience is '{claims.Audience}', not the Azure DevOps application id {TokenService.AzureDevOpsResource}");
        }

        var identity = identities.ByPrincipalId(claims.ObjectId);
        if (identity is null || !identity.MemberOfOrganization)
        {
            var name = identity?.Name ?? claims.AppId.ToString();
            return new AuthResult(AuthOutcome.NotInOrganization, null,
                $"TF401444: Please sign-in at least once as {_options.TenantId}\\{claims.ObjectId} ({name}) in a web browser to enable access to the service. " +
                $"The identity {name} is not a member of the organization {_options.Organization}: add it as a user first.");
        }

        return new AuthResult(AuthOutcome.Authenticated, $"identity:{identity.PrincipalId}", "",
            new Caller(identity.PrincipalId, identity.Name, $"Microsoft.VisualStudio.Services.Claims.AadServicePrincipal;{_options.TenantId}\\{identity.PrincipalId}"));
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private static string Fingerprint(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];
}
