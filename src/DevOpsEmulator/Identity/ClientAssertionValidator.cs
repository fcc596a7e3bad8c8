using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AspireAgents.DevOpsEmulator.Organization;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// Checks an agent's client assertion as the service's token endpoint must (RFC 7523 §3): an RS256 JWT whose
/// <c>iss</c> and <c>sub</c> are a registered agent's client id, signed by the key that agent registered, whose
/// <c>aud</c> is its authorization URL, inside its <c>nbf</c>–<c>exp</c> window, with a <c>jti</c> not seen before.
/// </summary>
/// <remarks>
/// The agent builds it with <c>VssOAuthJwtBearerClientCredential(clientId, authorizationUrl, key)</c>
/// (azure-pipelines-agent src/Agent.Listener/Configuration/OAuthCredential.cs:45-46): iss = sub = client id,
/// aud = authorization URL, a new GUID as jti, nbf = now, exp = now + 5 min, and no iat (the SDK adds iat only when
/// asked to; actions/runner src/Sdk/WebApi/WebApi/OAuth/VssOAuthJwtBearerAssertion.cs, GetBearerToken, and
/// Jwt/JsonWebToken.cs, Create). So iat is not required here.
/// </remarks>
internal sealed class ClientAssertionValidator(OrganizationState state, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _seenTokenIds = [];
    private readonly Lock _gate = new();

    /// <summary>The agent whose assertion this is, or why it is refused (an RFC 7523 <c>invalid_client</c> description).</summary>
    public AgentClient? Validate(string assertion, out string failure)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            failure = "The client assertion is not a JWT.";
            return null;
        }

        JsonDocument header;
        JsonDocument payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            failure = "The client assertion cannot be decoded.";
            return null;
        }

        using (header)
        using (payload)
        {
            return Validate(header.RootElement, payload.RootElement, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, out failure);
        }
    }

    private AgentClient? Validate(JsonElement header, JsonElement claims, byte[] signedPart, byte[] signature, out string failure)
    {
        if (String(header, "alg") != "RS256")
        {
            failure = $"The client assertion must be signed with RS256, not '{String(header, "alg")}'.";
            return null;
        }

        var issuer = String(claims, "iss");
        var subject = String(claims, "sub");
        if (issuer is null || subject is null || issuer != subject || !Guid.TryParse(subject, out var clientId))
        {
            failure = "The client assertion's iss and sub must both be the agent's client id.";
            return null;
        }

        var client = state.FindAgentClient(clientId);
        if (client is null)
        {
            failure = $"No agent is registered with the client id {clientId}.";
            return null;
        }

        if (!IsSignedBy(client, signedPart, signature))
        {
            failure = $"The client assertion's signature does not verify with the public key registered for agent {client.AgentName}.";
            return null;
        }

        if (!HasAudience(claims, client.AuthorizationUrl))
        {
            failure = $"The client assertion's audience must be the agent's authorization URL {client.AuthorizationUrl}.";
            return null;
        }

        if (!TryTime(claims, "exp", out var expires) || !TryTime(claims, "nbf", out var notBefore))
        {
            failure = "The client assertion must carry exp and nbf.";
            return null;
        }

        // The agent looks for these two texts to tell its user the clock is skewed
        // (azure-pipelines-agent src/Agent.Listener/Configuration/ConfigurationManager.cs:342-346).
        var now = time.GetUtcNow();
        if (now >= expires)
        {
            failure = $"The bearer token expired on {expires.UtcDateTime:M/d/yyyy h:mm:ss tt}. Current server time is {now.UtcDateTime:M/d/yyyy h:mm:ss tt}.";
            return null;
        }

        if (now < notBefore)
        {
            failure = $"The bearer token is not valid until {notBefore.UtcDateTime:M/d/yyyy h:mm:ss tt}. Current server time is {now.UtcDateTime:M/d/yyyy h:mm:ss tt}.";
            return null;
        }

        if (String(claims, "jti") is not { Length: > 0 } tokenId)
        {
            failure = "The client assertion must carry a jti.";
            return null;
        }

        if (!RememberOnce(tokenId, expires, now))
        {
            failure = $"The client assertion {tokenId} was already used.";
            return null;
        }

        failure = "";
        return client;
    }

    private static bool IsSignedBy(AgentClient client, byte[] signedPart, byte[] signature)
    {
        try
        {
            using var rsa = RSA.Create(new RSAParameters
            {
                Exponent = Convert.FromBase64String(client.PublicKey.Exponent),
                Modulus = Convert.FromBase64String(client.PublicKey.Modulus),
            });
            return rsa.VerifyData(signedPart, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static bool HasAudience(JsonElement claims, string audience) =>
        claims.TryGetProperty("aud", out var aud) && aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == audience,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience),
            _ => false,
        };

    /// <summary>Records a token id until its assertion expires; false when it is already recorded (a replay).</summary>
    private bool RememberOnce(string tokenId, DateTimeOffset expires, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var stale in _seenTokenIds.Where(t => t.Value <= now).Select(t => t.Key).ToList())
            {
                _seenTokenIds.Remove(stale);
            }

            return _seenTokenIds.TryAdd(tokenId, expires);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryTime(JsonElement claims, string name, out DateTimeOffset value)
    {
        value = default;
        if (!claims.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seconds))
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
