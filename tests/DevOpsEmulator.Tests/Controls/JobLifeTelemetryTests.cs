using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Controls;

/// <summary>
/// A job's whole life as one span: how long it waited for an agent, how long it ran, and a link to the span of the
/// agent that received it (the agent's <c>traceparent</c> on its message poll).
/// </summary>
public sealed class JobLifeTelemetryTests
{
    [Fact]
    public async Task AFinishedJobIsOneSpanFromQueuedToFinishedWithItsWaitAndALinkToTheAgentThatReceivedIt()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "AspireAgents.DevOpsEmulator" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-7");
        var queued = await server.QueueRunAsync(EmulatorServer.Hello);
        var runId = queued.GetProperty("id").GetInt32();

        // The agent polls with the trace context of its own span, as the stand-in agent does with TRACEPARENT.
        var agentSpan = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"{server.Pool()}/messages?sessionId={session}");
        poll.Headers.Add("traceparent", $"00-{agentSpan.TraceId}-{agentSpan.SpanId}-01");
        using var agent = AgentClient(server);
        using var response = await agent.SendAsync(poll);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var requestId = JsonDocument.Parse(message.GetProperty("body").GetString()!).RootElement.GetProperty("requestId").GetInt64();
        await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{requestId}?lockToken={session}", new { requestId, result = "succeeded" });

        var mine = spans.Where(s => Equals(s.GetTagItem("azp.job_request.id"), requestId)).ToList();
        var life = Assert.Single(mine, s => s.DisplayName == "job request");
        var waiting = Assert.Single(mine, s => s.DisplayName == "waiting for an agent");
        var running = Assert.Single(mine, s => s.DisplayName == "running on an agent");
        var received = Assert.Single(mine, s => s.DisplayName == "job received");

        // The life hangs under the request that queued the run; its parts under it, back to back.
        var queueRequest = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.SpanId == life.ParentSpanId);
        Assert.Equal(queueRequest.TraceId, life.TraceId);
        Assert.Equal(life.SpanId, waiting.ParentSpanId);
        Assert.Equal(life.SpanId, running.ParentSpanId);
        Assert.Equal(life.StartTimeUtc, waiting.StartTimeUtc);
        Assert.Equal(waiting.StartTimeUtc + waiting.Duration, running.StartTimeUtc);
        Assert.Equal(life.StartTimeUtc + life.Duration, running.StartTimeUtc + running.Duration);

        Assert.Equal(runId, life.GetTagItem("azp.run.id"));
        Assert.Equal("agent-7", life.GetTagItem("azp.agent.name"));
        Assert.Equal("agent-7", running.GetTagItem("azp.agent.name"));
        Assert.Equal("succeeded", life.GetTagItem("azp.job.result"));
        Assert.Equal(waiting.Duration.TotalSeconds, (double)life.GetTagItem("azp.job.wait.duration")!, 3);
        Assert.Equal(["assigned", "received"], life.Events.Select(e => e.Name));

        // The run links to the agent's span; the delivery joins the agent's trace and links back to the queueing.
        var link = Assert.Single(running.Links);
        Assert.Equal(agentSpan.TraceId, link.Context.TraceId);
        Assert.Equal(agentSpan.SpanId, link.Context.SpanId);
        Assert.Equal(agentSpan.TraceId, received.TraceId);
        Assert.Equal(queueRequest.SpanId, Assert.Single(received.Links).Context.SpanId);
        Assert.True((double)received.GetTagItem("azp.job.wait.duration")! >= 0);
    }

    /// <summary>A client that sends the agent's trace context as given: no span of this process replaces it.</summary>
    private static HttpClient AgentClient(EmulatorServer server)
    {
        var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = server.BaseAddress,
        };
        client.DefaultRequestHeaders.Authorization = server.Client.DefaultRequestHeaders.Authorization;
        return client;
    }
}
