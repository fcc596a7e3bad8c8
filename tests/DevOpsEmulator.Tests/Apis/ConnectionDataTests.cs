using System.Text.Json;
using AspireAgents.DevOpsEmulator.Tests.Identity;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class ConnectionDataTests
{
    [Fact]
    public async Task AnonymousHeadAnswers401WithTheTenantAsTheAgentExpects()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Head, "local/_apis/connectiondata");
        request.Headers.Add("X-TFS-FedAuthRedirect", "Suppress");

        using var response = await server.Anonymous.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        var bearer = response.Headers.WwwAuthenticate.First(h => h.Scheme == "Bearer");
        Assert.StartsWith("authorization_uri=https://login.microsoftonline.com/", bearer.Parameter);
    }

    [Fact]
    public async Task WithAPatItDescribesTheUserAndTheOrganisation()
    {
        await using var server = await EmulatorServer.StartAsync();

        var data = await server.GetJsonAsync("local/_apis/connectionData?connectOptions=1&lastChangeId=-1&lastChangeId64=-1");

        var user = data.Has("authenticatedUser", JsonValueKind.Object);
        user.Has("id", JsonValueKind.String);
        user.Str("descriptor");
        Assert.Equal(user.Str("id"), data.Has("authorizedUser", JsonValueKind.Object).Str("id"));
        Assert.Equal("hosted", data.Str("deploymentType"));
        Assert.True(Guid.TryParse(data.Str("instanceId"), out _));
        var location = data.Has("locationServiceData", JsonValueKind.Object);
        Assert.Equal("PublicAccessMapping", location.Str("defaultAccessMappingMoniker"));
        var mapping = Assert.Single(location.Has("accessMappings", JsonValueKind.Array).EnumerateArray());
        Assert.Equal(new Uri(server.BaseAddress, "/local/").ToString(), mapping.Str("accessPoint"));
    }

    [Fact]
    public async Task WithAnAgentTokenTheUserIsTheAgent()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");
        using var listener = await agent.ListenerClientAsync(server);

        using var response = await listener.GetAsync("local/_apis/connectionData");
        var data = await Json.ReadAsync(response, 200);

        Assert.Equal("Agent agent-1", data.GetProperty("authenticatedUser").Str("providerDisplayName"));
        Assert.Equal(agent.ClientId, data.GetProperty("authenticatedUser").Str("id"));
    }
}
