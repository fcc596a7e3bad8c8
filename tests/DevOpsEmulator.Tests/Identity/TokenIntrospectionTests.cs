using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Identity;

/// <summary>Introspection of the managed-identity endpoint's tokens, which the job emulation's executions API relies on.</summary>
public sealed class TokenIntrospectionTests
{
    private const string ObserverClientId = "5a0b1c2d-0000-4000-8000-000000000004";

    private static async Task<string> ArmTokenAsync(EmulatorServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"msi/token?resource=https://management.azure.com/&api-version=2019-08-01&client_id={ObserverClientId}");
        request.Headers.Add("X-IDENTITY-HEADER", EmulatorServer.IdentityHeader);
        using var response = await server.Anonymous.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<JsonElement> IntrospectAsync(EmulatorServer server, string token)
    {
        using var response = await server.Anonymous.PostAsync("oauth2/introspect", new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token)]));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task AnIssuedTokenIsActiveWithItsAudienceAndIdentity()
    {
        await using var server = await EmulatorServer.StartAsync();

        var answer = await IntrospectAsync(server, await ArmTokenAsync(server));

        Assert.True(answer.GetProperty("active").GetBoolean());
        Assert.Equal("https://management.azure.com/", answer.GetProperty("aud").GetString());
        Assert.Equal("6b1c2d3e-0000-4000-8000-000000000004", answer.GetProperty("oid").GetString());
        Assert.Equal(ObserverClientId, answer.GetProperty("appid").GetString());
    }

    [Fact]
    public async Task ATamperedTokenIsNotActive()
    {
        await using var server = await EmulatorServer.StartAsync();
        var parts = (await ArmTokenAsync(server)).Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        var answer = await IntrospectAsync(server, forged);

        Assert.False(answer.GetProperty("active").GetBoolean());
        Assert.False(answer.TryGetProperty("oid", out _));
    }

    [Fact]
    public async Task ATokenOfAnotherEmulatorProcessIsNotActive()
    {
        await using var issuer = await EmulatorServer.StartAsync();
        await using var other = await EmulatorServer.StartAsync();

        var answer = await IntrospectAsync(other, await ArmTokenAsync(issuer));

        Assert.False(answer.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task AnExpiredTokenIsNotActive()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:00:01" });
        var token = await ArmTokenAsync(server);
        await Task.Delay(TimeSpan.FromSeconds(2.1));

        var answer = await IntrospectAsync(server, token);

        Assert.False(answer.GetProperty("active").GetBoolean());
        Assert.Contains("expired", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
