using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// Issues and validates the access tokens agents get for their client assertions: short-lived
/// (<c>Emulator:AgentTokenLifetime</c>), signed with a key of their own, naming one agent of one pool.
/// </summary>
internal sealed class AgentTokenService(TimeProvider time, IOptions<EmulatorOptions> options)
{
    private const string Audience = "agent-listener";
    private readonly HmacJwt _jwt = new();
    private readonly EmulatorOptions _options = options.Value;

    public (string Token, TimeSpan Lifetime) Issue(AgentClient client)
    {
        var now = time.GetUtcNow();
        var lifetime = _options.AgentTokenLifetime;
        var token = _jwt.Create(writer =>
        {
            writer.WriteString("aud", Audience);
            writer.WriteString("sub", client.ClientId);
            writer.WriteNumber("poolid", client.PoolId);
            writer.WriteNumber("agentid", client.AgentId);
            writer.WriteString("agentname", client.AgentName);
            writer.WriteNumber("nbf", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
        });
        return (token, lifetime);
    }

    /// <summary>
    /// The agent of a token this service issued: <see langword="false"/> when it did not issue it; then
    /// <paramref name="failure"/> is empty unless the token is its own but expired or malformed.
    /// </summary>
    public bool TryValidate(string token, out AgentPrincipal? agent, out string failure)
    {
        agent = null;
        failure = "";
        using var document = _jwt.ReadClaims(token);
        if (document is null)
        {
            return false;
        }

        var root = document.RootElement;
        try
        {
            if (root.GetProperty("aud").GetString() != Audience)
            {
                failure = "the token is not an agent token";
                return false;
            }

            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            if (time.GetUtcNow() >= expiresOn)
            {
                failure = $"the agent's access token expired at {expiresOn:O}";
                return false;
            }

            agent = new AgentPrincipal(root.GetProperty("poolid").GetInt32(), root.GetProperty("agentid").GetInt32(),
                root.GetProperty("agentname").GetString() ?? "", root.GetProperty("sub").GetGuid());
            return true;
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            failure = "the agent token's claims cannot be read";
            return false;
        }
    }
}
