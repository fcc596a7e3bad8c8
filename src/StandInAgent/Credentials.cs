using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.StandInAgent;

/// <summary>Supplies the Authorization header of the agent's calls.</summary>
internal interface IAgentCredential
{
    /// <summary>The header to send; <paramref name="refresh"/> after a 401 asks for a new token.</summary>
    Task<AuthenticationHeaderValue> GetHeaderAsync(bool refresh, CancellationToken cancellationToken);
}

/// <summary>
/// The registration credential (<c>--auth pat --token</c>). Azure DevOps accepts an Entra access token wherever it
/// accepts a PAT; the stand-in sends a token shaped like a JWT as a Bearer token and anything else as the Basic
/// password.
/// </summary>
internal sealed class TokenCredential(string token) : IAgentCredential
{
    public Task<AuthenticationHeaderValue> GetHeaderAsync(bool refresh, CancellationToken cancellationToken) =>
        Task.FromResult(token.Count(c => c == '.') == 2
            ? new AuthenticationHeaderValue("Bearer", token)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($":{token}"))));
}

/// <summary>A credential that fetches short-lived bearer tokens and keeps each until shortly before it expires.</summary>
internal abstract class CachedBearerCredential(HttpClient http) : IAgentCredential
{
    private string? _token;
    private DateTimeOffset _expiresOn;

    protected HttpClient Http { get; } = http;

    public async Task<AuthenticationHeaderValue> GetHeaderAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (refresh || _token is null || DateTimeOffset.UtcNow >= _expiresOn - TimeSpan.FromSeconds(30))
        {
            (_token, _expiresOn) = await FetchAsync(cancellationToken).ConfigureAwait(false);
        }

        return new AuthenticationHeaderValue("Bearer", _token);
    }

    protected abstract Task<(string Token, DateTimeOffset ExpiresOn)> FetchAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The agent's own credential, as the agent gets it: a client assertion (a JWT signed with the key generated at
/// configuration) exchanged at the service's OAuth endpoint for an access token.
/// </summary>
internal sealed class OAuthCredential(HttpClient http, Guid clientId, string authorizationUrl, RSA key) : CachedBearerCredential(http)
{
    protected override async Task<(string, DateTimeOffset)> FetchAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = CreateAssertion(),
        });
        using var response = await Http.PostAsync(authorizationUrl, form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AgentException($"The OAuth endpoint {authorizationUrl} refused the agent's assertion: {(int)response.StatusCode} {response.ReasonPhrase}.", 1);
        }

        var token = await response.Content.ReadFromJsonAsync(StandInJsonContext.Default.OAuthTokenResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException($"The OAuth endpoint {authorizationUrl} sent no token.", 1);
        return (token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn));
    }

    private string CreateAssertion()
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = clientId.ToString(),
            ["sub"] = clientId.ToString(),
            ["aud"] = authorizationUrl,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        }, StandInJsonContext.Default.DictionaryStringObject));
        var unsigned = $"{header}.{payload}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// The managed identity of the environment the agent runs in (<c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c>,
/// <c>AZURE_CLIENT_ID</c> for a user-assigned one), for a service that gives agents no OAuth client.
/// </summary>
internal sealed class ManagedIdentityCredential(HttpClient http) : CachedBearerCredential(http)
{
    private const string Resource = "499b84ac-1321-427f-aa17-267ca6975798";

    public static bool IsAvailable => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IDENTITY_HEADER"));

    protected override async Task<(string, DateTimeOffset)> FetchAsync(CancellationToken cancellationToken)
    {
        var endpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT")!;
        var url = $"{endpoint}?resource={Resource}&api-version=2019-08-01";
        if (Environment.GetEnvironmentVariable("AZURE_CLIENT_ID") is { Length: > 0 } clientId)
        {
            url += $"&client_id={Uri.EscapeDataString(clientId)}";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-IDENTITY-HEADER", Environment.GetEnvironmentVariable("IDENTITY_HEADER"));
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AgentException($"The managed-identity endpoint {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}.", 2);
        }

        var token = await response.Content.ReadFromJsonAsync(AzureDevOpsJsonContext.Default.ManagedIdentityToken, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException($"The managed-identity endpoint {endpoint} sent no token.", 2);
        return (token.AccessToken, DateTimeOffset.FromUnixTimeSeconds(long.Parse(token.ExpiresOn, CultureInfo.InvariantCulture)));
    }
}
