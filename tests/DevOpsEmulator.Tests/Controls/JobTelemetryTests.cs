using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Controls;

public sealed class JobTelemetryTests
{
    [Fact]
    public async Task EachJobStepIsASpanWithAzpAttributes()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AspireAgents.DevOpsEmulator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await EmulatorServer.StartAsync();
        var (_, session) = await server.StartAgentAsync("agent-1");
        await server.QueueRunAsync(EmulatorServer.Hello);
        var body = JsonDocument.Parse((await server.GetMessageAsync(session))!.Value.Str("body")).RootElement;
        var requestId = body.Long("requestId");
        var planId = body.GetProperty("plan").Str("planId");
        await server.SendJsonAsync(HttpMethod.Patch, $"{server.Pool()}/jobrequests/{requestId}?lockToken={session}", new { requestId, result = "succeeded" });

        var mine = spans.Where(s => (s.GetTagItem("azp.plan.id") as string) == planId && s.GetTagItem("azp.job.step") is not null).ToList();

        Assert.Equal(["job queued", "job assigned", "job received", "job finished"], mine.Select(s => s.DisplayName));
        Assert.All(mine, s => Assert.Equal(requestId, s.GetTagItem("azp.job_request.id")));
        Assert.All(mine, s => Assert.Equal("aca-agents", s.GetTagItem("azp.pool.name")));
        Assert.Equal("agent-1", mine[1].GetTagItem("azp.agent.name"));
        Assert.Equal("succeeded", mine[3].GetTagItem("azp.job.result"));
    }
}
