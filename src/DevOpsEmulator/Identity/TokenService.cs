using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// Issues and validates the managed-identity endpoint's access tokens (<see cref="HmacJwt"/>), carrying the claims Entra puts in a managed
/// identity's token (<c>aud</c>, <c>iss</c>, <c>oid</c>, <c>appid</c>, <c>tid</c>, <c>exp</c>…).
/// </summary>
internal sealed class TokenService(TimeProvider time, IOptions<EmulatorOptions> options)
{
    /// <summary>The Azure DevOps application id: the audience Azure DevOps accepts.</summary>
    public const string AzureDevOpsResource = "499b84ac-1321-427f-aa17-267ca6975798";

    private readonly HmacJwt _jwt = new();
    private readonly EmulatorOptions _options = options.Value;

    /// <summary>
    /// The resource as tokens carry it, if the endpoint issues tokens for it: Azure DevOps (app id, with or
    /// without <c>/.default</c>) or one of <c>Emulator:TokenResources</c>.
    /// </summary>
    public string? NormalizeResource(string resource)
    {
        var trimmed = resource.Trim();
        if (trimmed.EndsWith("/.default", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^"/.default".Length];
        }

        if (trimmed.Equals(AzureDevOpsResource, StringComparison.OrdinalIgnoreCase))
        {
            return AzureDevOpsResource;
        }

        return _options.TokenResources.FirstOrDefault(r => r.TrimEnd('/').Equals(trimmed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Issues a token for <paramref name="identity"/> with audience <paramref name="audience"/>.</summary>
    public (string Token, DateTimeOffset ExpiresOn) Issue(IdentityOptions identity, string audience)
    {
        var now = time.GetUtcNow();
        var expiresOn = now + _options.TokenLifetime;
        var token = _jwt.Create(writer =>
        {
            writer.WriteString("aud", audience);
            writer.WriteString("iss", $"https://sts.windows.net/{_options.TenantId}/");
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expiresOn.ToUnixTimeSeconds());
            writer.WriteString("appid", identity.ClientId);
            writer.WriteString("idtyp", "app");
            writer.WriteString("oid", identity.PrincipalId);
            writer.WriteString("sub", identity.PrincipalId);
            writer.WriteString("tid", _options.TenantId);
            if (identity.ResourceId is { Length: > 0 } resourceId)
            {
                writer.WriteString("xms_mirid", resourceId);
            }
        });
        return (token, expiresOn);
    }

    /// <summary>Checks the signature, the time window and the claims; says why a token is refused.</summary>
    public bool TryValidate(string token, out TokenClaims? claims, out string failure)
    {
        claims = null;
        using var document = _jwt.ReadClaims(token);
        if (document is null)
        {
            failure = token.Split('.').Length != 3 ? "the token is not a JWT" : "the token's signature is not valid (was it issued by this emulator process?)";
            return false;
        }

        try
        {
            var root = document.RootElement;
            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            var notBefore = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("nbf").GetInt64());
            claims = new TokenClaims(root.GetProperty("aud").GetString() ?? "", root.GetProperty("oid").GetGuid(), root.GetProperty("appid").GetGuid(), expiresOn);
            var now = time.GetUtcNow();
            if (now >= expiresOn)
            {
                failure = $"the token expired at {expiresOn:O}";
                return false;
            }

            if (now < notBefore)
            {
                failure = $"the token is not valid before {notBefore:O}";
                return false;
            }
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            failure = "the token's claims cannot be read";
            return false;
        }

        failure = "";
        return true;
    }
}
