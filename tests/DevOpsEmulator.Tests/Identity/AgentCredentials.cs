using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Identity;

/// <summary>An agent's key and OAuth client, registered as <c>config.sh</c> does, and the assertions its listener signs.</summary>
internal sealed class AgentCredentials : IDisposable
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private AgentCredentials(RSA key, int agentId, string clientId, string authorizationUrl)
    {
        Key = key;
        AgentId = agentId;
        ClientId = clientId;
        AuthorizationUrl = authorizationUrl;
    }

    public RSA Key { get; }

    public int AgentId { get; }

    public string ClientId { get; }

    public string AuthorizationUrl { get; }

    /// <summary>Basic with the agent's user name, <c>VstsAgent</c>, and <paramref name="token"/> as the password.</summary>
    public static AuthenticationHeaderValue Basic(string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"VstsAgent:{token}")));

    /// <summary>Registers <paramref name="name"/> with a new 2048-bit key, authenticated as the agent does.</summary>
    public static async Task<AgentCredentials> RegisterAsync(EmulatorServer server, string name, string token = EmulatorServer.Pat)
    {
        var key = RSA.Create(2048);
        var parameters = key.ExportParameters(false);
        using var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = Basic(token);
        var body = new
        {
            name,
            version = "4.260.0",
            systemCapabilities = new Dictionary<string, string> { ["Agent.OS"] = "Linux", ["Agent.Version"] = "4.260.0" },
            authorization = new { publicKey = new { exponent = Convert.ToBase64String(parameters.Exponent!), modulus = Convert.ToBase64String(parameters.Modulus!) } },
        };
        using var response = await client.PostAsync($"{server.Pool()}/agents", Json.Content(body));
        var agent = await Json.ReadAsync(response, 200);
        var authorization = agent.Has("authorization", JsonValueKind.Object);
        return new AgentCredentials(key, agent.GetProperty("id").GetInt32(), authorization.Str("clientId"), authorization.Str("authorizationUrl"));
    }

    /// <summary>An assertion as the agent's SDK builds it, with any claim replaced or removed (null).</summary>
    public string Assertion(IReadOnlyDictionary<string, object?>? changes = null, RSA? signingKey = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = AuthorizationUrl,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in changes ?? new Dictionary<string, object?>())
        {
            claims[name] = value;
        }

        var header = Base64Url("""{"typ":"JWT","alg":"RS256"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value)));
        var unsigned = $"{header}.{payload}";
        var signature = (signingKey ?? Key).SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Base64Url(signature)}";
    }

    /// <summary>Posts a client-credentials request with <paramref name="assertion"/> to the agent's token endpoint.</summary>
    public async Task<(int Status, JsonElement Body)> RequestTokenAsync(EmulatorServer server, string assertion, string grantType = "client_credentials")
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = assertion,
        });
        using var response = await server.Anonymous.PostAsync(AuthorizationUrl, form);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A client that authenticates with a fresh agent access token.</summary>
    public async Task<HttpClient> ListenerClientAsync(EmulatorServer server)
    {
        var (status, body) = await RequestTokenAsync(server, Assertion());
        Assert.True(status == 200, body.ToString());
        return server.BearerClient(body.Str("access_token"));
    }

    public void Dispose() => Key.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
