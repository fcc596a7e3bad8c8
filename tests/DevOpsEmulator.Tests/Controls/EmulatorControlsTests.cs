using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.DevOpsEmulator.Tests.Controls;

public sealed class EmulatorControlsTests
{
    private static async Task<JsonElement> AddFaultAsync(EmulatorServer server, object fault)
    {
        using var response = await server.Anonymous.PostAsJsonAsync("_emulator/faults", fault);
        return await Json.ReadAsync(response, 201);
    }

    [Fact]
    public async Task StatsCountRequestsByRouteTemplateAgentsAndJobs()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.RegisterAgentAsync("agent-2");
        await server.QueueRunAsync(EmulatorServer.Hello);
        await server.QueueRunAsync(EmulatorServer.NeedsGpu);
        Assert.NotNull(await server.GetMessageAsync(session));
        await server.JobRequestsAsync();
        await server.JobRequestsAsync("?completedRequestCount=0");
        using (await server.Client.DeleteAsync($"{server.Pool()}/sessions/{session}"))
        {
        }

        var stats = await server.StatsAsync();

        var routes = stats.Has("requestsByRoute", JsonValueKind.Object);
        Assert.Equal(2, routes.Long("GET /{org}/_apis/distributedtask/pools/{poolId}/jobrequests"));
        Assert.Equal(2, routes.Long("POST /{org}/_apis/distributedtask/pools/{poolId}/agents"));
        Assert.Equal(2, routes.Long("POST /{org}/{project}/_apis/pipelines/{pipelineId}/runs"));
        Assert.Equal(1, routes.Long("DELETE /{org}/_apis/distributedtask/pools/{poolId}/sessions/{sessionId}"));
        Assert.DoesNotContain(routes.EnumerateObject(), r => r.Name.Contains("_emulator", StringComparison.Ordinal));
        var agents = stats.Has("agents", JsonValueKind.Object);
        Assert.Equal((2L, 0L, 1L), (agents.Long("registered"), agents.Long("online"), agents.Long("onlineMax")));
        var jobs = stats.Has("jobs", JsonValueKind.Object);
        Assert.Equal(1, jobs.Long("running"));
        Assert.Equal(1, jobs.Long("failed"));
        Assert.Equal(0, jobs.Long("queued"));
        foreach (var field in new[] { "succeeded", "canceled", "abandoned" })
        {
            Assert.Equal(0, jobs.Long(field));
        }
    }

    [Fact]
    public async Task InjectedFaultAnswersTheGivenStatusForNRequests()
    {
        await using var server = await EmulatorServer.StartAsync();
        var fault = await AddFaultAsync(server, new { status = 503, retryAfterSeconds = 7, pathPattern = "*/jobrequests", count = 2 });
        Assert.Equal(2, fault.Long("remaining"));

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await server.Client.GetAsync($"{server.Pool()}/jobrequests");
            statuses.Add((int)response.StatusCode);
            if (i == 0)
            {
                Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
                Assert.NotEmpty((await Json.ReadAsync(response, 503)).Str("message"));
            }
        }

        using var other = await server.Client.GetAsync(server.Pools);
        Assert.Equal([503, 503, 200], statuses);
        Assert.Equal(200, (int)other.StatusCode);
    }

    [Fact]
    public async Task Injected429AnswersWithTheRateLimitMessage()
    {
        await using var server = await EmulatorServer.StartAsync();
        await AddFaultAsync(server, new { status = 429, retryAfterSeconds = 3, count = 1 });

        using var response = await server.Client.GetAsync(server.Pools);
        var error = await Json.ReadAsync(response, 429);

        Assert.StartsWith("TF400733", error.Str("message"));
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Injected203AnswersTheSignInPage()
    {
        await using var server = await EmulatorServer.StartAsync();
        await AddFaultAsync(server, new { status = 203, pathPattern = "/local/_apis/*", method = "GET" });

        using var response = await server.Client.GetAsync(server.Pools);

        Assert.Equal(203, (int)response.StatusCode);
        Assert.Contains("Azure DevOps Services | Sign In", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Injected500AppliesToTheIdentityEndpointToo()
    {
        await using var server = await EmulatorServer.StartAsync();
        await AddFaultAsync(server, new { status = 500, pathPattern = "/msi/token", count = 1 });

        using var response = await server.Anonymous.GetAsync("msi/token?resource=x");

        Assert.Equal(500, (int)response.StatusCode);
    }

    [Fact]
    public async Task DelayFaultHoldsTheRequestUntilTheDelayPasses()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(time: time);
        await AddFaultAsync(server, new { delayMilliseconds = 5000, pathPattern = "*/pools", count = 1 });

        var pending = server.Client.GetAsync(server.Pools);
        await Task.Delay(300);
        Assert.False(pending.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task ClearingFaultsRestoresNormalAnswers()
    {
        await using var server = await EmulatorServer.StartAsync();
        await AddFaultAsync(server, new { status = 503 });
        using (var faulted = await server.Client.GetAsync(server.Pools))
        {
            Assert.Equal(503, (int)faulted.StatusCode);
        }

        using var cleared = await server.Anonymous.DeleteAsync("_emulator/faults");
        using var response = await server.Client.GetAsync(server.Pools);

        Assert.Equal(204, (int)cleared.StatusCode);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("{\"status\":404}")]
    [InlineData("{}")]
    [InlineData("{\"status\":503,\"count\":0}")]
    [InlineData("{bad")]
    public async Task InvalidFaultAnswers400(string body)
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Anonymous.PostAsync("_emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task ResetForgetsAgentsJobsAndFaults()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        await AddFaultAsync(server, new { status = 503, pathPattern = "/nothing" });

        using var reset = await server.Anonymous.PostAsync("_emulator/reset", null);

        Assert.Equal(204, (int)reset.StatusCode);
        Assert.Equal(0, (await server.GetJsonAsync($"{server.Pool()}/agents")).Long("count"));
        Assert.Empty((await server.JobRequestsAsync()).EnumerateArray());
        var faults = await server.GetJsonAsync("_emulator/faults");
        Assert.Equal(0, faults.GetArrayLength());
        var stats = await server.StatsAsync();
        Assert.Equal(0, stats.GetProperty("agents").Long("onlineMax"));
        Assert.Equal(1, (await server.QueueRunAsync(EmulatorServer.Hello)).Long("id"));
    }
}
