using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Identity;

/// <summary>
/// The agent's credentials as the real agent uses them: Basic VstsAgent + token to register, then a client assertion
/// signed by its own key for a short-lived token that serves only its listener.
/// </summary>
public sealed class AgentOAuthTests
{
    [Fact]
    public async Task RegistrationWithBasicVstsAgentAndAPatReturnsTheAgentsOAuthClient()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");

        Assert.True(Guid.TryParse(agent.ClientId, out var clientId) && clientId != Guid.Empty);
        Assert.Equal(new Uri(server.BaseAddress, "/_vstoken/local/oauth2/token").ToString(), agent.AuthorizationUrl);
    }

    [Fact]
    public async Task RegistrationWithBasicVstsAgentAndAManagedIdentityTokenIsAccepted()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var agent = await AgentCredentials.RegisterAsync(server, "agent-mi", await server.TokenAsync());

        Assert.NotEmpty(agent.ClientId);
    }

    [Fact]
    public async Task AValidAssertionGetsAShortLivedBearerTokenThatOpensTheAgentsSession()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:AgentTokenLifetime"] = "00:10:00" });
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");

        var (status, body) = await agent.RequestTokenAsync(server, agent.Assertion());

        Assert.Equal(200, status);
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.Equal(600, body.Long("expires_in"));
        using var listener = server.BearerClient(body.Str("access_token"));
        using var session = await listener.PostAsync($"{server.Pool()}/sessions", Json.Content(new { ownerName = "host", agent = new { id = agent.AgentId, name = "agent-1" } }));
        var sessionId = (await Json.ReadAsync(session, 200)).Str("sessionId");
        using var poll = await listener.DeleteAsync($"{server.Pool()}/sessions/{sessionId}");
        Assert.Equal(204, (int)poll.StatusCode);
    }

    [Fact]
    public async Task AnAssertionSignedByAnotherKeyIsInvalidClient()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");
        using var otherKey = RSA.Create(2048);

        var (status, body) = await agent.RequestTokenAsync(server, agent.Assertion(signingKey: otherKey));

        AssertInvalidClient(status, body, "signature");
    }

    [Fact]
    public async Task AnAgentCannotAssertAnotherAgentsClientWithItsOwnKey()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var mallory = await AgentCredentials.RegisterAsync(server, "mallory");
        using var victim = await AgentCredentials.RegisterAsync(server, "victim");

        var claimsToBeVictim = mallory.Assertion(new Dictionary<string, object?> { ["iss"] = victim.ClientId, ["sub"] = victim.ClientId });
        var (status, body) = await mallory.RequestTokenAsync(server, claimsToBeVictim);

        AssertInvalidClient(status, body, "signature");
    }

    [Fact]
    public async Task AnExpiredAssertionIsInvalidClientInTheWordsTheAgentLooksFor()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");
        var past = DateTimeOffset.UtcNow.AddMinutes(-10);

        var (status, body) = await agent.RequestTokenAsync(server, agent.Assertion(new Dictionary<string, object?>
        {
            ["nbf"] = past.ToUnixTimeSeconds(),
            ["exp"] = past.AddMinutes(5).ToUnixTimeSeconds(),
        }));

        AssertInvalidClient(status, body, "Current server time is");
    }

    [Fact]
    public async Task AnAssertionForAnotherAudienceIsInvalidClient()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");

        var (status, body) = await agent.RequestTokenAsync(server, agent.Assertion(new Dictionary<string, object?> { ["aud"] = "https://vstoken.dev.azure.com/other" }));

        AssertInvalidClient(status, body, "audience");
    }

    [Fact]
    public async Task AReplayedAssertionIsInvalidClient()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");
        var assertion = agent.Assertion();
        Assert.Equal(200, (await agent.RequestTokenAsync(server, assertion)).Status);

        var (status, body) = await agent.RequestTokenAsync(server, assertion);

        AssertInvalidClient(status, body, "already used");
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("exp")]
    [InlineData("sub")]
    public async Task AnAssertionWithoutARequiredClaimIsInvalidClient(string claim)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");

        var (status, body) = await agent.RequestTokenAsync(server, agent.Assertion(new Dictionary<string, object?> { [claim] = null }));

        AssertInvalidClient(status, body, "");
    }

    [Fact]
    public async Task AnAssertionWithoutIatIsAcceptedAsTheAgentsSdkSendsNone()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");

        var (status, _) = await agent.RequestTokenAsync(server, agent.Assertion(new Dictionary<string, object?> { ["iat"] = null }));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task AnotherGrantTypeIsUnsupported()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");

        var (status, body) = await agent.RequestTokenAsync(server, agent.Assertion(), grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer");

        Assert.Equal(400, status);
        Assert.Equal("unsupported_grant_type", body.Str("error"));
    }

    [Fact]
    public async Task TheAgentTokenServesOnlyThatAgentsListener()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");
        using var other = await AgentCredentials.RegisterAsync(server, "agent-2");
        var otherSession = await server.CreateSessionAsync(other.AgentId, "agent-2");
        using var listener = await agent.ListenerClientAsync(server);

        using var pools = await listener.GetAsync(server.Pools);
        using var register = await listener.PostAsync($"{server.Pool()}/agents", Json.Content(new { name = "sneaky" }));
        using var remove = await listener.DeleteAsync($"{server.Pool()}/agents/{other.AgentId}");
        using var poll = await listener.GetAsync($"{server.Pool()}/messages?sessionId={otherSession}");
        using var session = await listener.PostAsync($"{server.Pool()}/sessions", Json.Content(new { ownerName = "host", agent = new { id = other.AgentId, name = "agent-2" } }));

        Assert.Equal(401, (int)pools.StatusCode);
        Assert.Equal(401, (int)register.StatusCode);
        Assert.Equal(401, (int)remove.StatusCode);
        Assert.Equal(401, (int)poll.StatusCode);
        Assert.Equal(403, (int)session.StatusCode);
        Assert.StartsWith("TF400813: The user 'Agent agent-1'", (await Json.ReadAsync(pools, 401)).Str("message"));
    }

    [Fact]
    public async Task ATokenStopsWorkingWhenTheAgentRegistersAgainWithANewKey()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var first = await AgentCredentials.RegisterAsync(server, "agent-1");
        using var listener = await first.ListenerClientAsync(server);
        using var key = RSA.Create(2048);
        var parameters = key.ExportParameters(false);
        await server.SendJsonAsync(HttpMethod.Put, $"{server.Pool()}/agents/{first.AgentId}", new
        {
            name = "agent-1",
            authorization = new { publicKey = new { exponent = Convert.ToBase64String(parameters.Exponent!), modulus = Convert.ToBase64String(parameters.Modulus!) } },
        });

        using var response = await listener.GetAsync("local/_apis/connectionData");
        var (status, _) = await first.RequestTokenAsync(server, first.Assertion());

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(400, status);
    }

    private static void AssertInvalidClient(int status, JsonElement body, string descriptionContains)
    {
        Assert.True(status == 400, body.ToString());
        Assert.Equal("invalid_client", body.Str("error"));
        Assert.Contains(descriptionContains, body.Str("error_description"), StringComparison.Ordinal);
    }
}
