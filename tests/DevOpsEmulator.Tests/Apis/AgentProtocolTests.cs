using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class AgentProtocolTests
{
    [Fact]
    public async Task AgentReceivesItsJobThroughTheLongPollAndFinishesIt()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");
        var run = await server.QueueRunAsync(EmulatorServer.Hello, new Dictionary<string, string> { ["durationSeconds"] = "1" });

        var message = (await server.GetMessageAsync(session))!.Value;
        Assert.Equal("PipelineAgentJobRequest", message.Str("messageType"));
        message.Has("messageId", JsonValueKind.Number);
        var body = JsonDocument.Parse(message.Str("body")).RootElement;
        var requestId = body.Long("requestId");
        var step = Assert.Single(body.Has("steps", JsonValueKind.Array).EnumerateArray());
        Assert.Equal("script", step.Str("type"));
        Assert.Contains("sleep 1", step.GetProperty("inputs").Str("script"));
        body.Has("plan", JsonValueKind.Object).Str("planId");
        body.Str("jobId");

        var received = await server.JobRequestAsync(requestId);
        var queueTime = received.Time("queueTime");
        var assignTime = received.Time("assignTime");
        var receiveTime = received.Time("receiveTime");
        Assert.True(queueTime <= assignTime && assignTime <= receiveTime);
        Assert.Equal("agent-1", received.GetProperty("reservedAgent").Str("name"));
        received.Lacks("result");

        using (await server.Client.DeleteAsync($"{server.Pool()}/messages/{message.Long("messageId")}?sessionId={session}"))
        {
        }

        var finished = await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{requestId}?lockToken={session}", new { requestId, result = "succeeded", finishTime = DateTimeOffset.UtcNow });
        Assert.Equal("succeeded", finished.Str("result"));
        Assert.True(finished.Time("finishTime") >= receiveTime);

        var completed = await server.GetJsonAsync($"local/demo/_apis/pipelines/{EmulatorServer.Hello}/runs/{run.Long("id")}");
        Assert.Equal("completed", completed.Str("state"));
        Assert.Equal("succeeded", completed.Str("result"));
    }

    [Fact]
    public async Task JobIsNotReceivedUntilTheAgentPollsForIt()
    {
        await using var server = await EmulatorServer.StartAsync();
        await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);

        var request = (await server.JobRequestsAsync())[0];

        request.Time("assignTime");
        request.Lacks("receiveTime");
    }

    [Fact]
    public async Task LongPollAnswers204WhenNothingArrives()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:MessageWaitTimeout"] = "00:00:00.300" });
        var (_, session) = await server.StartAgentAsync("agent-1");

        Assert.Null(await server.GetMessageAsync(session));
    }

    [Fact]
    public async Task LongPollAnswersAsSoonAsAJobIsAssigned()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:MessageWaitTimeout"] = "00:01:00" });
        var (_, session) = await server.StartAgentAsync("agent-1");

        var poll = server.GetMessageAsync(session);
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        await server.QueueRunAsync(EmulatorServer.Hello);

        var message = await poll.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("PipelineAgentJobRequest", message!.Value.Str("messageType"));
    }

    [Fact]
    public async Task AcknowledgedMessageIsNotDeliveredAgain()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:MessageWaitTimeout"] = "00:00:00.300" });
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        var messageId = (await server.GetMessageAsync(session))!.Value.Long("messageId");

        using var ack = await server.Client.DeleteAsync($"{server.Pool()}/messages/{messageId}?sessionId={session}");

        Assert.True(ack.IsSuccessStatusCode);
        Assert.Null(await server.GetMessageAsync(session));
        Assert.Null(await server.GetMessageAsync(session, lastMessageId: messageId));
    }

    [Fact]
    public async Task PollingADeletedSessionAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");
        using (await server.Client.DeleteAsync($"{server.Pool()}/sessions/{session}"))
        {
        }

        using var response = await server.Client.GetAsync($"{server.Pool()}/messages?sessionId={session}");
        var error = await Json.ReadAsync(response, 404);

        Assert.Equal("TaskAgentSessionExpiredException", error.Str("typeKey"));
    }

    [Fact]
    public async Task RenewingTheLockMovesLockedUntil()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:JobLockDuration"] = "00:10:00" }, time);
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        var requestId = JsonDocument.Parse((await server.GetMessageAsync(session))!.Value.Str("body")).RootElement.Long("requestId");
        var before = (await server.JobRequestAsync(requestId)).Time("lockedUntil");

        time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{requestId}?lockToken={session}", new { requestId });

        Assert.Equal(before + TimeSpan.FromMinutes(1), renewed.Time("lockedUntil"));
        renewed.Lacks("result");
    }

    [Fact]
    public async Task WrongLockTokenAnswers400WithTheServiceMessage()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        var requestId = JsonDocument.Parse((await server.GetMessageAsync(session))!.Value.Str("body")).RootElement.Long("requestId");

        var error = await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{requestId}?lockToken={Guid.NewGuid()}", new { requestId, result = "succeeded" }, 400);

        Assert.Equal("TaskAgentJobTokenExpiredException", error.Str("typeKey"));
        Assert.Contains($"job request {requestId}", error.Str("message"));
        (await server.JobRequestAsync(requestId)).Lacks("result");
    }

    [Fact]
    public async Task JobWhoseLockExpiresIsAbandoned()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(
            new Dictionary<string, string> { ["Emulator:JobLockDuration"] = "00:01:00", ["Emulator:HousekeepingInterval"] = "00:00:05" }, time);
        var (_, session) = await server.StartAgentAsync("agent-1");
        var run = await server.QueueRunAsync(EmulatorServer.Hello);
        var requestId = JsonDocument.Parse((await server.GetMessageAsync(session))!.Value.Str("body")).RootElement.Long("requestId");

        for (var i = 0; i < 14; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }

        await Json.EventuallyAsync(async () => (await server.JobRequestAsync(requestId)).TryGetProperty("result", out _), "the job is abandoned");
        var request = await server.JobRequestAsync(requestId);
        Assert.Equal("abandoned", request.Str("result"));
        Assert.Contains("did not renew the lock", request.Str("statusMessage"));
        var failedRun = await server.GetJsonAsync($"local/demo/_apis/pipelines/{EmulatorServer.Hello}/runs/{run.Long("id")}");
        Assert.Equal("failed", failedRun.Str("result"));
        Assert.Equal(1, (await server.StatsAsync()).GetProperty("jobs").Long("abandoned"));
    }

    [Fact]
    public async Task RenewedJobIsNotAbandoned()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(
            new Dictionary<string, string> { ["Emulator:JobLockDuration"] = "00:01:00", ["Emulator:HousekeepingInterval"] = "00:00:05" }, time);
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        var requestId = JsonDocument.Parse((await server.GetMessageAsync(session))!.Value.Str("body")).RootElement.Long("requestId");

        for (var i = 0; i < 24; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            if (i % 6 == 0)
            {
                await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{requestId}?lockToken={session}", new { requestId });
            }
        }

        (await server.JobRequestAsync(requestId)).Lacks("result");
    }

    [Fact]
    public async Task JobReservedForAnAgentThatLeavesBeforeReceivingItGoesBackToTheQueue()
    {
        await using var server = await EmulatorServer.StartAsync();
        var (_, first) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        Assert.Equal("agent-1", (await server.JobRequestsAsync())[0].GetProperty("reservedAgent").Str("name"));

        using (await server.Client.DeleteAsync($"{server.Pool()}/sessions/{first}"))
        {
        }

        var requeued = (await server.JobRequestsAsync())[0];
        requeued.Lacks("reservedAgent");
        requeued.Lacks("assignTime");
        var (_, second) = await server.StartAgentAsync("agent-2");
        Assert.NotNull(await server.GetMessageAsync(second));
        Assert.Equal("agent-2", (await server.JobRequestsAsync())[0].GetProperty("reservedAgent").Str("name"));
    }
}
