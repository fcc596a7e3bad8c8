using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Observer;
using AspireAgents.Scaler.Services;
using AspireAgents.Scaler.Tests.Fakes;
using AspireAgents.Scaling.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Tests.Observer;

/// <summary>The observer's intervals: the decision span it writes, the executions that appeared, and a flagged gap.</summary>
public sealed class ScalingObserverTests : IAsyncLifetime
{
    private readonly FakeAzureDevOps _ado = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private ActivityListener _listener = null!;
    private ScalerHost _host = null!;
    private string _executions = """{"value":[]}""";

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ObserverTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _ado.JobRequests[1] = [Jobs.Queued(1), Jobs.Queued(2), Jobs.Queued(3)];
        _host = await ScalerHost.StartAsync(_ado);
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _host.DisposeAsync();
    }

    private ScalingObserver Observer()
    {
        var options = Options.Create(new ObserverOptions
        {
            Enabled = true,
            JobName = "agents",
            SubscriptionId = "sub-1",
            ResourceGroup = "rg-1",
            MaxExecutions = 10,
            GapIntervals = 2,
            Metadata = new() { ["organizationURL"] = FakeAzureDevOps.OrganizationUrl, ["poolName"] = "linux", ["targetPipelinesQueueLength"] = "1" },
        });
        var api = new ExecutionsApiStub(_ => (HttpStatusCode.OK, _executions));
        var client = new JobExecutionsClient(new HttpClient(api), new StaticTokenCredential(), options);
        var services = _host.App.Services;
        return new ScalingObserver(client, services.GetRequiredService<TriggerMetadataCache>(), services.GetRequiredService<AzurePipelinesQueue>(),
            options, TimeProvider.System, NullLogger<ScalingObserver>.Instance);
    }

    [Fact]
    public async Task EachIntervalIsAScalingDecisionSpanWithTheEmulationsAttributes()
    {
        _executions = """{"value":[{"name":"agents-1","properties":{"status":"Running"}},{"name":"agents-0","properties":{"status":"Succeeded"}}]}""";

        var decision = await Observer().ObserveAsync(CancellationToken.None);

        Assert.Equal(2, decision!.ToStart); // 3 queued, 1 running: KEDA's default starts 3 − 1
        var span = Assert.Single(_spans);
        Assert.Equal(ScalingDecisionSpan.Name, span.OperationName);
        Assert.Equal("agents", span.GetTagItem(ScalingDecisionAttributes.JobName));
        Assert.Equal("linux", span.GetTagItem(ScalingDecisionAttributes.PoolName));
        Assert.Equal(3.0, span.GetTagItem(ScalingDecisionAttributes.QueueLength));
        Assert.Equal(1L, span.GetTagItem(ScalingDecisionAttributes.Running));
        Assert.Equal(0L, span.GetTagItem(ScalingDecisionAttributes.Pending));
        Assert.Equal(2L, span.GetTagItem(ScalingDecisionAttributes.Started));
        Assert.Equal("azure-pipelines-1", span.GetTagItem(ScalingDecisionAttributes.MetricName));
        Assert.Equal("default", span.GetTagItem(ScalingDecisionAttributes.Strategy));
    }

    [Fact]
    public async Task ExecutionsThatAppearAreRecordedAndEndTheGap()
    {
        var observer = Observer();
        await observer.ObserveAsync(CancellationToken.None);
        _executions = """{"value":[{"name":"agents-a","properties":{"status":"Processing"}},{"name":"agents-b","properties":{"status":"Running"}}]}""";

        await observer.ObserveAsync(CancellationToken.None);

        var span = _spans.Last();
        Assert.Equal(2, span.GetTagItem(ObserverTelemetry.Tags.Appeared));
        Assert.Equal(["agents-a", "agents-b"], span.Events.Where(e => e.Name == ObserverTelemetry.AppearedEvent).Select(e => (string?)e.Tags.First(t => t.Key == ObserverTelemetry.Tags.ExecutionName).Value));
        Assert.DoesNotContain(_spans, s => s.Events.Any(e => e.Name == ObserverTelemetry.GapEvent));
    }

    [Fact]
    public async Task ARuleThatNeverFiresIsFlaggedAfterTheGapIntervals()
    {
        var observer = Observer();

        for (var i = 0; i < 3; i++)
        {
            await observer.ObserveAsync(CancellationToken.None);
        }

        var flagged = Assert.Single(_spans, s => s.Events.Any(e => e.Name == ObserverTelemetry.GapEvent));
        Assert.Same(_spans.Last(), flagged);
        var gap = flagged.Events.Single(e => e.Name == ObserverTelemetry.GapEvent);
        Assert.Equal(3L, gap.Tags.First(t => t.Key == ObserverTelemetry.Tags.ExpectedStarts).Value);
    }

    [Fact]
    public async Task AnExecutionsApiRefusalIsAnErrorSpanWithoutADecision()
    {
        _executions = """{"error":{"code":"AuthorizationFailed","message":"no"}}""";
        var observer = new ScalingObserver(
            new JobExecutionsClient(new HttpClient(new ExecutionsApiStub(_ => (HttpStatusCode.Forbidden, _executions))), new StaticTokenCredential(),
                Options.Create(new ObserverOptions { JobName = "agents", SubscriptionId = "s", ResourceGroup = "r", Metadata = new() { ["organizationURL"] = FakeAzureDevOps.OrganizationUrl, ["poolID"] = "1" } })),
            _host.App.Services.GetRequiredService<TriggerMetadataCache>(), _host.App.Services.GetRequiredService<AzurePipelinesQueue>(),
            Options.Create(new ObserverOptions { JobName = "agents", Metadata = new() { ["organizationURL"] = FakeAzureDevOps.OrganizationUrl, ["poolID"] = "1" } }),
            TimeProvider.System, NullLogger<ScalingObserver>.Instance);

        Assert.Null(await observer.ObserveAsync(CancellationToken.None));

        var span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("AuthorizationFailed", span.GetTagItem(ObserverTelemetry.Tags.Error));
        Assert.Null(span.GetTagItem(ScalingDecisionAttributes.Started));
    }
}
