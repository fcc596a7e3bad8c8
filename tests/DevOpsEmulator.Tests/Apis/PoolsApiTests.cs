using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class PoolsApiTests
{
    [Fact]
    public async Task PoolsByNameReturnsCountAndValueWithTheServiceFieldNames()
    {
        await using var server = await EmulatorServer.StartAsync();

        var list = await server.GetJsonAsync("local/_apis/distributedtask/pools?poolName=aca-agents");

        Assert.Equal(1, list.Long("count"));
        var pool = Assert.Single(list.Has("value", JsonValueKind.Array).EnumerateArray());
        Assert.Equal(EmulatorServer.AcaPool, pool.Long("id"));
        Assert.Equal("aca-agents", pool.Str("name"));
        Assert.Equal("automation", pool.Str("poolType"));
        pool.Has("isHosted", JsonValueKind.False);
        pool.Has("size", JsonValueKind.Number);
        pool.Has("scope", JsonValueKind.String);
        pool.Time("createdOn");
        pool.Has("owner", JsonValueKind.Object).Str("displayName");
    }

    [Fact]
    public async Task PoolsByIdReturnsOnlyThatPool()
    {
        await using var server = await EmulatorServer.StartAsync();

        var list = await server.GetJsonAsync("local/_apis/distributedtask/pools?poolID=1");

        Assert.Equal("Default", Assert.Single(list.GetProperty("value").EnumerateArray()).Str("name"));
    }

    [Fact]
    public async Task AllPoolsAreListedWithoutAFilter()
    {
        await using var server = await EmulatorServer.StartAsync();

        var list = await server.GetJsonAsync("local/_apis/distributedtask/pools");

        Assert.Equal(["Default", "aca-agents"], list.GetProperty("value").EnumerateArray().Select(p => p.Str("name")));
    }

    [Fact]
    public async Task UnknownPoolNameReturnsAnEmptyList()
    {
        await using var server = await EmulatorServer.StartAsync();

        var list = await server.GetJsonAsync("local/_apis/distributedtask/pools?poolName=nope");

        Assert.Equal(0, list.Long("count"));
        Assert.Empty(list.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task SizeCountsTheRegisteredAgents()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("a1");
        await server.RegisterAgentAsync("a2");

        var pool = await server.GetJsonAsync($"{server.Pool()}");

        Assert.Equal(2, pool.Long("size"));
    }

    [Fact]
    public async Task UnknownPoolIdAnswers404WithTheServiceErrorBody()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync($"{server.Pool(999)}/agents");
        var error = await Json.ReadAsync(response, 404);

        Assert.Equal("1", error.Str("$id"));
        Assert.Equal("No agent pool found with identifier 999.", error.Str("message"));
        Assert.Equal("TaskAgentPoolNotFoundException", error.Str("typeKey"));
        Assert.Contains("TaskAgentPoolNotFoundException", error.Str("typeName"));
        Assert.Equal(0, error.Long("errorCode"));
        Assert.Equal(3000, error.Long("eventId"));
    }

    [Fact]
    public async Task AnotherOrganizationAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync("elsewhere/_apis/distributedtask/pools");
        var error = await Json.ReadAsync(response, 404);

        Assert.Contains("elsewhere", error.Str("message"));
    }

    [Fact]
    public async Task OrganizationNameComesFromConfiguration()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:Organization"] = "contoso" });

        var list = await server.GetJsonAsync("contoso/_apis/distributedtask/pools?poolName=Default");

        Assert.Equal(1, list.Long("count"));
    }
}
