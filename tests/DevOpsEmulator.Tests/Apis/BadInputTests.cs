using System.Text;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class BadInputTests
{
    public static TheoryData<string, string> BodyRoutes => new()
    {
        { "POST", "local/_apis/distributedtask/pools/10/agents" },
        { "PUT", "local/_apis/distributedtask/pools/10/agents/1" },
        { "POST", "local/_apis/distributedtask/pools/10/sessions" },
        { "PATCH", "local/_apis/distributedtask/pools/10/jobrequests/1?lockToken=00000000-0000-0000-0000-000000000000" },
    };

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task BadJsonAnswers400WithTheServiceErrorBody(string method, string path)
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("agent-1");

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json") };
        using var response = await server.Client.SendAsync(request);
        var error = await Json.ReadAsync(response, 400);

        Assert.Contains("not valid JSON", error.Str("message"));
        Assert.Equal("1", error.Str("$id"));
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task MissingBodyAnswers400(string method, string path)
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("agent-1");

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("", Encoding.UTF8, "application/json") };
        using var response = await server.Client.SendAsync(request);
        var error = await Json.ReadAsync(response, 400);

        Assert.StartsWith("Value cannot be null.", error.Str("message"));
    }

    [Fact]
    public async Task MissingSessionIdAnswers400()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync($"{server.Pool()}/messages");

        await Json.ReadAsync(response, 400);
    }

    [Fact]
    public async Task EmulatorKeepsServingAfterBadInput()
    {
        await using var server = await EmulatorServer.StartAsync();
        using (var bad = await server.Client.PostAsync($"{server.Pool()}/agents", new StringContent("[1,2", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(400, (int)bad.StatusCode);
        }

        Assert.Equal(2, (await server.GetJsonAsync(server.Pools)).Long("count"));
    }
}
