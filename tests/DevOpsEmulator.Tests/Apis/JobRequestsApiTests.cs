using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class JobRequestsApiTests
{
    private static readonly Dictionary<string, string> Linux = new() { ["Agent.OS"] = "Linux", ["Agent.Version"] = "4.260.0" };
    private static readonly Dictionary<string, string> Windows = new() { ["Agent.OS"] = "Windows_NT", ["Agent.Version"] = "4.260.0" };

    [Fact]
    public async Task JobRequestsCarryTheServiceFieldsWithDemandsAsStrings()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");
        await server.QueueRunAsync(EmulatorServer.HelloLinux);

        var list = await server.GetJsonAsync($"{server.Pool()}/jobrequests");
        Assert.Equal(1, list.Long("count"));
        var request = list.GetProperty("value")[0];

        request.Has("requestId", JsonValueKind.Number);
        request.Time("queueTime");
        Assert.Equal(["Agent.OS -equals Linux"], request.Has("demands", JsonValueKind.Array).EnumerateArray().Select(d => d.GetString()));
        var matched = Assert.Single(request.Has("matchedAgents", JsonValueKind.Array).EnumerateArray());
        Assert.Equal("placeholder-agent", matched.Str("name"));
        Assert.Equal("offline", matched.Str("status"));
        matched.Has("id", JsonValueKind.Number);
        matched.Has("enabled", JsonValueKind.True);
        matched.Str("version");
        var definition = request.Has("definition", JsonValueKind.Object);
        Assert.Equal("hello-linux", definition.Str("name"));
        definition.Has("id", JsonValueKind.Number);
        request.Has("owner", JsonValueKind.Object).Str("name");
        Assert.True(Guid.TryParse(request.Str("planId"), out _));
        Assert.True(Guid.TryParse(request.Str("jobId"), out _));
        Assert.StartsWith(request.Str("planId"), request.Str("orchestrationId"));
        Assert.Equal(EmulatorServer.AcaPool, request.Long("poolId"));
        Assert.Equal("Build", request.Str("planType"));
        request.Has("data", JsonValueKind.Object).Str("ParallelismTag");
        request.Lacks("result");
        request.Lacks("assignTime");
        request.Lacks("receiveTime");
        request.Lacks("reservedAgent");
    }

    [Fact]
    public async Task CompletedRequestCountZeroReturnsOnlyUnfinishedRequests()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");
        await server.QueueRunAsync(EmulatorServer.NeedsGpu);
        await server.QueueRunAsync(EmulatorServer.Hello);

        var all = await server.JobRequestsAsync();
        var unfinished = await server.JobRequestsAsync("?completedRequestCount=0");

        Assert.Equal(2, all.GetArrayLength());
        var only = Assert.Single(unfinished.EnumerateArray());
        only.Lacks("result");
        only.Has("matchedAgents", JsonValueKind.Array);
    }

    [Fact]
    public async Task JobRequestsWithTopIncludeFinishedJobsAndOmitMatchedAgents()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");
        await server.QueueRunAsync(EmulatorServer.NeedsGpu);
        await server.QueueRunAsync(EmulatorServer.Hello);

        var top = await server.JobRequestsAsync("?$top=250&completedRequestCount=0");

        Assert.Equal(2, top.GetArrayLength());
        Assert.Contains(top.EnumerateArray(), r => r.TryGetProperty("result", out var result) && result.GetString() == "failed");
        Assert.All(top.EnumerateArray(), r => r.Lacks("matchedAgents"));
        Assert.Single((await server.JobRequestsAsync("?$top=1")).EnumerateArray());
    }

    [Fact]
    public async Task JobRequestListsAreCappedAt200()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");
        for (var i = 0; i < 205; i++)
        {
            await server.QueueRunAsync(EmulatorServer.Hello);
        }

        Assert.Equal(200, (await server.JobRequestsAsync()).GetArrayLength());
        Assert.Equal(200, (await server.JobRequestsAsync("?completedRequestCount=0")).GetArrayLength());
        Assert.Equal(200, (await server.JobRequestsAsync("?$top=250")).GetArrayLength());
        Assert.Equal(205, (await server.StatsAsync()).GetProperty("jobs").Long("queued"));
    }

    [Fact]
    public async Task TheListCapIsConfigurable()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:MaxListCount"] = "3" });
        await server.RegisterAgentAsync("placeholder-agent");
        for (var i = 0; i < 5; i++)
        {
            await server.QueueRunAsync(EmulatorServer.Hello);
        }

        var list = await server.GetJsonAsync($"{server.Pool()}/jobrequests?completedRequestCount=0");

        Assert.Equal(3, list.Long("count"));
        Assert.Equal([1L, 2L, 3L], list.GetProperty("value").EnumerateArray().Select(r => r.Long("requestId")));
    }

    [Fact]
    public async Task MatchedAgentsListsEveryMatchingAgentOnlineOrOffline()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("linux-offline", Linux);
        await server.RegisterAgentAsync("windows-offline", Windows);
        var (_, session) = await server.StartAgentAsync("linux-busy", Linux);
        await server.QueueRunAsync(EmulatorServer.Hello);
        await server.GetMessageAsync(session);

        await server.QueueRunAsync(EmulatorServer.HelloLinux);

        var waiting = (await server.JobRequestsAsync("?completedRequestCount=0")).EnumerateArray().Single(r => r.GetProperty("definition").Str("name") == "hello-linux");
        var matched = waiting.GetProperty("matchedAgents").EnumerateArray().Select(a => (a.Str("name"), a.Str("status"))).ToList();
        Assert.Equal([("linux-offline", "offline"), ("linux-busy", "online")], matched);
        waiting.Has("matchesAllAgentsInPool", JsonValueKind.False);
        waiting.Lacks("reservedAgent");
    }

    [Fact]
    public async Task QueuedJobGoesToAnOnlineIdleAgentThatSatisfiesItsDemands()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, windowsSession) = await server.StartAgentAsync("windows", Windows);
        var (_, linuxSession) = await server.StartAgentAsync("linux", Linux);

        await server.QueueRunAsync(EmulatorServer.HelloLinux);

        var request = (await server.JobRequestsAsync())[0];
        Assert.Equal("linux", request.GetProperty("reservedAgent").Str("name"));
        Assert.NotNull(await server.GetMessageAsync(linuxSession));
    }

    [Fact]
    public async Task BusyAgentGetsTheNextJobOnlyAfterItFinishes()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        await server.QueueRunAsync(EmulatorServer.Hello);
        var first = (await server.GetMessageAsync(session))!.Value;
        var firstId = JsonDocument.Parse(first.Str("body")).RootElement.Long("requestId");

        var second = (await server.JobRequestsAsync("?completedRequestCount=0")).EnumerateArray().Single(r => r.Long("requestId") != firstId);
        second.Lacks("reservedAgent");

        await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{firstId}?lockToken={session}", new { requestId = firstId, result = "failed" });

        var next = (await server.GetMessageAsync(session, first.Long("messageId")))!.Value;
        Assert.Equal(second.Long("requestId"), JsonDocument.Parse(next.Str("body")).RootElement.Long("requestId"));
    }

    [Fact]
    public async Task JobWithNoMatchingAgentFailsAtOnceOnTheRequestAndTheRun()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.StartAgentAsync("agent-1");

        var run = await server.QueueRunAsync(EmulatorServer.NeedsGpu);

        Assert.Equal("completed", run.Str("state"));
        Assert.Equal("failed", run.Str("result"));
        var request = (await server.JobRequestsAsync())[0];
        Assert.Equal("failed", request.Str("result"));
        Assert.Equal("No agent found in pool aca-agents which satisfies the specified demands: gpu", request.Str("statusMessage"));
        request.Time("finishTime");
        Assert.Empty(request.GetProperty("matchedAgents").EnumerateArray());
        Assert.Empty((await server.JobRequestsAsync("?completedRequestCount=0")).EnumerateArray());
    }

    [Fact]
    public async Task JobInAnEmptyPoolFailsAtOnce()
    {
        await using var server = await EmulatorServer.StartAsync();

        var run = await server.QueueRunAsync(EmulatorServer.Hello);

        Assert.Equal("failed", run.Str("result"));
        Assert.StartsWith("No agent found in pool aca-agents which satisfies the specified demands:", (await server.JobRequestsAsync())[0].Str("statusMessage"));
    }

    [Fact]
    public async Task JobWaitsWhileOnlyOfflineAgentsMatch()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.RegisterAgentAsync("placeholder-agent");

        var run = await server.QueueRunAsync(EmulatorServer.Hello);

        Assert.Equal("inProgress", run.Str("state"));
        run.Lacks("result");
        var request = (await server.JobRequestsAsync())[0];
        request.Lacks("result");
        request.Lacks("reservedAgent");
        Assert.Equal(1, (await server.StatsAsync()).GetProperty("jobs").Long("queued"));
    }

    [Fact]
    public async Task JobsQueuedBeforeAnAgentComesOnlineGoToItWhenItDoes()
    {
        await using var server = await EmulatorServer.StartAsync();
        var id = await server.RegisterAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);

        var session = await server.CreateSessionAsync(id, "agent-1");

        Assert.NotNull(await server.GetMessageAsync(session));
        Assert.Equal("agent-1", (await server.JobRequestsAsync())[0].GetProperty("reservedAgent").Str("name"));
    }

    [Fact]
    public async Task AgentIdFiltersTheRequests()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (id, _) = await server.StartAgentAsync("agent-1");
        await server.RegisterAgentAsync("agent-2");
        await server.QueueRunAsync(EmulatorServer.Hello);
        await server.QueueRunAsync(EmulatorServer.Hello);

        var mine = await server.JobRequestsAsync($"?agentId={id}");

        Assert.Single(mine.EnumerateArray());
    }

    [Fact]
    public async Task BadTopAnswers400()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Client.GetAsync($"{server.Pool()}/jobrequests?$top=lots");
        var error = await Json.ReadAsync(response, 400);

        Assert.Contains("$top", error.Str("message"));
    }

    [Fact]
    public async Task UnknownJobRequestAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        var error = await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/12345?lockToken={Guid.NewGuid()}", new { requestId = 12345 }, 404);

        Assert.Equal("TaskAgentJobNotFoundException", error.Str("typeKey"));
    }
}
