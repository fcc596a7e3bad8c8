using System.Text;
using System.Text.Json;
using AspireAgents.DevOpsEmulator.Tests.Identity;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

/// <summary>Runs with a script, the agent's log upload, and the build logs API that serves it.</summary>
public sealed class ScriptRunLogsTests
{
    [Fact]
    public async Task TheScriptTemplateParameterIsTheJobsOneStep()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, sessionId) = await server.StartAgentAsync("agent-1");

        await server.QueueRunAsync(EmulatorServer.Hello, new Dictionary<string, string> { ["script"] = "echo hi\nexit 0" });
        var message = (await server.GetMessageAsync(sessionId))!.Value;

        var job = JsonDocument.Parse(message.Str("body")).RootElement;
        var step = Assert.Single(job.GetProperty("steps").EnumerateArray());
        Assert.Equal("script", step.Str("type"));
        Assert.Equal("echo hi\nexit 0", step.GetProperty("inputs").Str("script"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyScriptIsRefused(string script)
    {
        await using var server = await EmulatorServer.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "local/demo/_apis/pipelines/1/runs") { Content = Json.Content(new { templateParameters = new { script } }) };
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task TheAgentsUploadedStepOutputIsServedAsABuildLog()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var agent = await AgentCredentials.RegisterAsync(server, "agent-1");
        using var listener = await agent.ListenerClientAsync(server);
        using var open = await listener.PostAsync($"{server.Pool()}/sessions", Json.Content(new { ownerName = "host", agent = new { id = agent.AgentId, name = "agent-1" } }));
        var sessionId = (await Json.ReadAsync(open, 200)).Str("sessionId");
        var run = await server.QueueRunAsync(EmulatorServer.Hello, new Dictionary<string, string> { ["script"] = "echo hi" });
        var runId = run.GetProperty("id").GetInt32();
        using var poll = await listener.GetAsync($"{server.Pool()}/messages?sessionId={sessionId}");
        var plan = JsonDocument.Parse((await Json.ReadAsync(poll, 200)).Str("body")).RootElement.GetProperty("plan");
        var logs = $"local/{plan.Str("scopeIdentifier")}/_apis/distributedtask/hubs/{plan.Str("planType")}/plans/{plan.Str("planId")}/logs";

        using var create = await listener.PostAsync(logs, Json.Content(new { path = "logs\\step" }));
        var logId = (await Json.ReadAsync(create, 201)).GetProperty("id").GetInt32();
        using var first = await listener.PostAsync($"{logs}/{logId}", new StringContent("2024-01-01T00:00:00.0000000Z line one\n2024-01-01T00:00:00.0000000Z line", Encoding.UTF8, "application/octet-stream"));
        using var second = await listener.PostAsync($"{logs}/{logId}", new StringContent(" two\n", Encoding.UTF8, "application/octet-stream"));
        Assert.Equal(201, (int)second.StatusCode);

        var list = await server.GetJsonAsync($"local/demo/_apis/build/builds/{runId}/logs?api-version=7.1");
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        var log = Assert.Single(list.GetProperty("value").EnumerateArray());
        Assert.Equal(logId, log.GetProperty("id").GetInt32());
        Assert.Equal("Container", log.Str("type"));
        Assert.Equal(2, log.Long("lineCount"));
        log.Time("createdOn");
        log.Time("lastChangedOn");
        Assert.EndsWith($"/local/demo/_apis/build/builds/{runId}/logs/{logId}", log.Str("url"));

        using var text = await server.Client.GetAsync($"local/demo/_apis/build/builds/{runId}/logs/{logId}");
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2024-01-01T00:00:00.0000000Z line one\r\n2024-01-01T00:00:00.0000000Z line two\r\n", await text.Content.ReadAsStringAsync());
        Assert.Equal("2024-01-01T00:00:00.0000000Z line two\r\n", await server.Client.GetStringAsync($"local/demo/_apis/build/builds/{runId}/logs/{logId}?startLine=2&endLine=2"));
    }

    [Fact]
    public async Task AnotherAgentCannotWriteToTheJobsLogs()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, sessionId) = await server.StartAgentAsync("runner");
        using var bystander = await AgentCredentials.RegisterAsync(server, "bystander");
        using var client = await bystander.ListenerClientAsync(server);
        await server.QueueRunAsync(EmulatorServer.Hello, new Dictionary<string, string> { ["script"] = "echo hi" });
        var plan = JsonDocument.Parse((await server.GetMessageAsync(sessionId))!.Value.Str("body")).RootElement.GetProperty("plan");

        using var create = await client.PostAsync($"local/demo/_apis/distributedtask/hubs/build/plans/{plan.Str("planId")}/logs", Json.Content(new { path = "x" }));

        Assert.Equal(401, (int)create.StatusCode);
    }

    [Fact]
    public async Task LogsOfAnUnknownBuildAnswer404()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync("local/demo/_apis/build/builds/999/logs");

        Assert.Equal(404, (int)response.StatusCode);
    }
}
