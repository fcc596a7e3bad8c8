using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AspireAgents.StandInAgent;

/// <summary>Supplies the Authorization header of the agent's calls.</summary>
internal interface IAgentCredential
{
    /// <summary>The header to send; <paramref name="refresh"/> after a 401 asks for a new token.</summary>
    Task<AuthenticationHeaderValue> GetHeaderAsync(bool refresh, CancellationToken cancellationToken);
}

/// <summary>
/// The registration credential of <c>--auth pat --token</c>, for configuring and removing only: Basic with the user
/// <c>VstsAgent</c> and the token as the password, a PAT or an Entra access token alike
/// (azure-pipelines-agent src/Agent.Listener/Configuration/CredentialProvider.cs:219-221).
/// </summary>
internal sealed class TokenCredential(string token) : IAgentCredential
{
    public const string UserName = "VstsAgent";

    public Task<AuthenticationHeaderValue> GetHeaderAsync(bool refresh, CancellationToken cancellationToken) =>
        Task.FromResult(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{token}"))));
}

/// <summary>
/// The agent's own credential, the only one its listener uses: an OAuth 2.0 client-credentials request whose client
/// assertion is a JWT signed with the key made at configuration, exchanged for a short-lived access token
/// (azure-pipelines-agent src/Agent.Listener/Configuration/OAuthCredential.cs:29-51). A token is kept until shortly
/// before it expires, or until the service refuses it.
/// </summary>
internal sealed class OAuthCredential(HttpClient http, ListenerCredentialData data, RSA key) : IAgentCredential
{
    /// <summary>How long an assertion is valid: the SDK's <c>VssOAuthJwtBearerAssertion.BearerTokenLifetime</c>.</summary>
    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(5);

    private string? _token;
    private DateTimeOffset _expiresOn;

    public async Task<AuthenticationHeaderValue> GetHeaderAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (refresh || _token is null || DateTimeOffset.UtcNow >= _expiresOn - TimeSpan.FromSeconds(30))
        {
            (_token, _expiresOn) = await FetchAsync(cancellationToken).ConfigureAwait(false);
        }

        return new AuthenticationHeaderValue("Bearer", _token);
    }

    private async Task<(string, DateTimeOffset)> FetchAsync(CancellationToken cancellationToken)
    {
        // The parameters VssOAuthClientCredentialsGrant and VssOAuthJwtBearerClientCredential set, posted as a form
        // to the token endpoint (oauthEndpointUrl, which is the authorization URL unless a server rewrote it).
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = CreateAssertion(),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, data.OAuthEndpointUrl) { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = response.Content.Headers.ContentType?.MediaType == "application/json"
            ? await response.Content.ReadFromJsonAsync(StandInJsonContext.Default.OAuthTokenResponse, cancellationToken).ConfigureAwait(false)
            : null;
        if (response.StatusCode != HttpStatusCode.OK || answer?.AccessToken is not { Length: > 0 } token)
        {
            var why = answer?.Error is { } error ? $"{error}: {answer.ErrorDescription}" : $"{(int)response.StatusCode} {response.ReasonPhrase}";
            throw new AgentException($"The token endpoint {data.OAuthEndpointUrl} refused the agent's assertion ({why}).", 1);
        }

        return (token, DateTimeOffset.UtcNow.AddSeconds(answer.ExpiresIn));
    }

    /// <summary>
    /// The claims the SDK's <c>VssOAuthJwtBearerAssertion</c> puts in (iss = sub = client id, aud = authorization URL,
    /// a new jti, nbf = now, exp = now + 5 min, no iat: <c>JsonWebToken.Create</c> writes iat only when given one),
    /// signed RS256 with the agent's key.
    /// </summary>
    private string CreateAssertion()
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url("""{"typ":"JWT","alg":"RS256"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = data.ClientId,
            ["sub"] = data.ClientId,
            ["aud"] = data.AuthorizationUrl,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + AssertionLifetime).ToUnixTimeSeconds(),
        }, StandInJsonContext.Default.DictionaryStringObject));
        var unsigned = $"{header}.{payload}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
