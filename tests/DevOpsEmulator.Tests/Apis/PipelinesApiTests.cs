using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class PipelinesApiTests
{
    [Fact]
    public async Task PipelinesListShowsTheConfiguredPipelines()
    {
        await using var server = await EmulatorServer.StartAsync();

        var list = await server.GetJsonAsync("local/demo/_apis/pipelines?api-version=7.1");

        var hello = list.GetProperty("value").EnumerateArray().First();
        Assert.Equal(1, hello.Long("id"));
        Assert.Equal("hello", hello.Str("name"));
        Assert.Equal("\\", hello.Str("folder"));
        hello.Has("revision", JsonValueKind.Number);
        Assert.StartsWith(server.BaseAddress.ToString(), hello.Str("url"));
        Assert.True(list.Long("count") >= 4);
    }

    [Fact]
    public async Task RunCarriesItsStateAndTemplateParameters()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");

        var run = await server.QueueRunAsync(EmulatorServer.Hello, new Dictionary<string, string> { ["durationSeconds"] = "7" });

        run.Has("id", JsonValueKind.Number);
        run.Str("name");
        Assert.Equal("inProgress", run.Str("state"));
        run.Time("createdDate");
        Assert.Equal("7", run.GetProperty("templateParameters").Str("durationSeconds"));
        Assert.Equal("hello", run.GetProperty("pipeline").Str("name"));
        var read = await server.GetJsonAsync($"local/demo/_apis/pipelines/1/runs/{run.Long("id")}");
        Assert.Equal(run.Long("id"), read.Long("id"));
        Assert.Single((await server.GetJsonAsync("local/demo/_apis/pipelines/1/runs")).GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task DurationDefaultsToThreeSecondsAndBecomesTheJobsSleep()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");

        var run = await server.QueueRunAsync(EmulatorServer.Hello);

        Assert.Equal("3", run.GetProperty("templateParameters").Str("durationSeconds"));
        var body = JsonDocument.Parse((await server.GetMessageAsync(session))!.Value.Str("body")).RootElement;
        Assert.Contains("sleep 3", body.GetProperty("steps")[0].GetProperty("inputs").Str("script"));
    }

    [Fact]
    public async Task DemandsTemplateParameterAddsDemandsToTheJob()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("agent-1");

        await server.QueueRunAsync(EmulatorServer.Hello, new Dictionary<string, string> { ["demands"] = "docker, Agent.OS -equals Linux" });

        var request = (await server.JobRequestsAsync())[0];
        Assert.Equal(["docker", "Agent.OS -equals Linux"], request.GetProperty("demands").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("No agent found in pool aca-agents which satisfies the specified demands: docker, Agent.OS -equals Linux", request.Str("statusMessage"));
    }

    [Fact]
    public async Task RunWithoutABodyUsesTheDefaults()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");

        using var response = await server.Client.PostAsync("local/demo/_apis/pipelines/1/runs", null);
        var run = await Json.ReadAsync(response, 200);

        Assert.Equal("inProgress", run.Str("state"));
    }

    [Fact]
    public async Task UnknownPipelineAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var get = await server.Client.GetAsync("local/demo/_apis/pipelines/999");
        var error = await Json.ReadAsync(get, 404);
        var queued = await server.SendJsonAsync(HttpMethod.Post, "local/demo/_apis/pipelines/999/runs", new { }, 404);

        Assert.Contains("999", error.Str("message"));
        Assert.Equal("PipelineNotFoundException", queued.Str("typeKey"));
    }

    [Fact]
    public async Task UnknownRunAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync("local/demo/_apis/pipelines/1/runs/77");

        await Json.ReadAsync(response, 404);
    }

    [Fact]
    public async Task UnknownProjectAnswers404WithTheServiceMessage()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync("local/nowhere/_apis/pipelines");
        var error = await Json.ReadAsync(response, 404);

        Assert.StartsWith("TF200016: The following project does not exist: nowhere.", error.Str("message"));
    }

    [Theory]
    [InlineData("{\"templateParameters\":{\"colour\":\"blue\"}}", "Unexpected parameter 'colour'")]
    [InlineData("{\"templateParameters\":{\"durationSeconds\":\"soon\"}}", "durationSeconds")]
    [InlineData("{\"templateParameters\":{\"demands\":\"Agent.OS -like Linux\"}}", "demands")]
    [InlineData("{\"templateParameters\":", "not valid JSON")]
    public async Task BadRunParametersAnswer400(string body, string expected)
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");

        using var response = await server.Client.PostAsync("local/demo/_apis/pipelines/1/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = await Json.ReadAsync(response, 400);

        Assert.Contains(expected, error.Str("message"));
        Assert.Equal(0, (await server.StatsAsync()).GetProperty("jobs").Long("queued"));
    }
}
