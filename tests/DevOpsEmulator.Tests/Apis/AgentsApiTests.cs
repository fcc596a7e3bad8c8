using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class AgentsApiTests
{
    [Fact]
    public async Task AddedAgentGetsAnIdAndIsOnlineOnlyWhileItHoldsASession()
    {
        await using var server = await EmulatorServer.StartAsync();

        var id = await server.RegisterAgentAsync("agent-1");
        var registered = await server.GetJsonAsync($"{server.Pool()}/agents/{id}");
        Assert.Equal("offline", registered.Str("status"));
        registered.Has("enabled", JsonValueKind.True);
        Assert.Equal(1, registered.Long("maxParallelism"));
        Assert.Equal("Provisioned", registered.Str("provisioningState"));
        registered.Has("authorization", JsonValueKind.Object).Has("publicKey", JsonValueKind.Object).Str("modulus");

        var session = await server.CreateSessionAsync(id, "agent-1");
        Assert.Equal("online", (await server.GetJsonAsync($"{server.Pool()}/agents/{id}")).Str("status"));

        using var deleted = await server.Client.DeleteAsync($"{server.Pool()}/sessions/{session}");
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal("offline", (await server.GetJsonAsync($"{server.Pool()}/agents/{id}")).Str("status"));
    }

    [Fact]
    public async Task AgentsListFiltersByNameAndIncludesCapabilitiesOnlyWhenAsked()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("agent-1");
        await server.RegisterAgentAsync("agent-2");

        var plain = await server.GetJsonAsync($"{server.Pool()}/agents?agentName=agent-2");
        var agent = Assert.Single(plain.GetProperty("value").EnumerateArray());
        Assert.Equal("agent-2", agent.Str("name"));
        agent.Lacks("systemCapabilities");

        var detailed = await server.GetJsonAsync($"{server.Pool()}/agents?agentName=agent-2&includeCapabilities=true");
        var capabilities = detailed.GetProperty("value")[0].Has("systemCapabilities", JsonValueKind.Object);
        Assert.Equal("Linux", capabilities.Str("Agent.OS"));

        var all = await server.GetJsonAsync($"{server.Pool()}/agents");
        Assert.Equal(2, all.Long("count"));
    }

    [Fact]
    public async Task AddingAnAgentWhoseNameExistsAnswers409()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("agent-1");

        var error = await server.SendJsonAsync(HttpMethod.Post, $"{server.Pool()}/agents", new { name = "agent-1", version = "4.260.0" }, 409);

        Assert.Equal("TaskAgentExistsException", error.Str("typeKey"));
    }

    [Fact]
    public async Task ReplaceKeepsTheIdAndTakesTheNewRegistration()
    {
        await using var server = await EmulatorServer.StartAsync();
        var id = await server.RegisterAgentAsync("agent-1");

        var replaced = await server.SendJsonAsync(HttpMethod.Put, $"{server.Pool()}/agents/{id}", new
        {
            id,
            name = "agent-1",
            version = "4.261.0",
            systemCapabilities = new Dictionary<string, string> { ["Agent.OS"] = "Linux", ["Agent.Version"] = "4.261.0", ["docker"] = "/usr/bin/docker" },
        });

        Assert.Equal(id, replaced.Long("id"));
        Assert.Equal("4.261.0", replaced.Str("version"));
        var listed = await server.GetJsonAsync($"{server.Pool()}/agents?includeCapabilities=true");
        Assert.Equal("/usr/bin/docker", Assert.Single(listed.GetProperty("value").EnumerateArray()).GetProperty("systemCapabilities").Str("docker"));
    }

    [Fact]
    public async Task ReplacingAnUnknownAgentAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        var error = await server.SendJsonAsync(HttpMethod.Put, $"{server.Pool()}/agents/42", new { name = "x" }, 404);

        Assert.Equal("TaskAgentNotFoundException", error.Str("typeKey"));
    }

    [Fact]
    public async Task DeleteRemovesAnIdleAgent()
    {
        await using var server = await EmulatorServer.StartAsync();
        var id = await server.RegisterAgentAsync("agent-1");

        using var response = await server.Client.DeleteAsync($"{server.Pool()}/agents/{id}");

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(0, (await server.GetJsonAsync($"{server.Pool()}/agents")).Long("count"));
    }

    [Fact]
    public async Task DeleteAnswers409WhileTheAgentRunsAJob()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (id, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        var message = await server.GetMessageAsync(session);
        Assert.NotNull(message);

        using var response = await server.Client.DeleteAsync($"{server.Pool()}/agents/{id}");
        var error = await Json.ReadAsync(response, 409);

        Assert.Equal("TaskAgentJobStillRunningException", error.Str("typeKey"));
        Assert.Contains("agent-1", error.Str("message"));
    }

    [Fact]
    public async Task SecondSessionForTheSameAgentAnswers409()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (id, _) = await server.StartAgentAsync("agent-1");

        var error = await server.SendJsonAsync(HttpMethod.Post, $"{server.Pool()}/sessions", new { ownerName = "other", agent = new { id, name = "agent-1" } }, 409);

        Assert.Equal("TaskAgentSessionConflictException", error.Str("typeKey"));
    }

    [Fact]
    public async Task SessionForAnUnknownAgentAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        var error = await server.SendJsonAsync(HttpMethod.Post, $"{server.Pool()}/sessions", new { ownerName = "x", agent = new { id = 77, name = "ghost" } }, 404);

        Assert.Equal("TaskAgentNotFoundException", error.Str("typeKey"));
    }
}
