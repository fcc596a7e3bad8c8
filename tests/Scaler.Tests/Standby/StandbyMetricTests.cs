using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Tests.Fakes;
using AspireAgents.Scaling.Standby;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.Scaler.Tests.Standby;

/// <summary>Standby agents in the scaler's answers, over real gRPC: the metric, the activity and the trailers.</summary>
public sealed class StandbyMetricTests : IAsyncLifetime
{
    private readonly FakeAzureDevOps _ado = new();

    // Tuesday 2026-07-14 08:00 UTC.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 14, 8, 0, 0, TimeSpan.Zero));
    private ScalerHost _host = null!;

    public async Task InitializeAsync()
    {
        _ado.JobRequests[1] = [Jobs.Queued(1), Jobs.InFlight(2), Jobs.Finished(3)];
        _host = await ScalerHost.StartAsync(_ado, configure: builder => builder.Services.AddSingleton<TimeProvider>(_time));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(long Value, Grpc.Core.Metadata Trailers)> MetricsAsync(params (string, string)[] metadata)
    {
        using var call = _host.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents", metadata), MetricName = "azure-pipelines-1" });
        var response = await call.ResponseAsync;
        return (response.MetricValues[0].MetricValue_, call.GetTrailers());
    }

    [Fact]
    public async Task AFixedCountIsAddedToTheQueueAndNamedInTheTrailers()
    {
        var (value, trailers) = await MetricsAsync(("standbyAgents", "3"));

        Assert.Equal(2 + 3, value);
        Assert.Equal("3", trailers.GetValue(StandbyTrailers.Agents));
        Assert.Equal("fixed", trailers.GetValue(StandbyTrailers.Source));
    }

    [Fact]
    public async Task StandbyIsCountedInExecutionsWhenTheTargetIsAboveOne()
    {
        var (value, _) = await MetricsAsync(("standbyAgents", "3"), ("targetPipelinesQueueLength", "2"));

        Assert.Equal(2 + (3 * 2), value);
    }

    [Fact]
    public async Task WithoutStandbyTheAnswerIsUnchangedAndCarriesNoTrailers()
    {
        var (value, trailers) = await MetricsAsync();

        Assert.Equal(2, value);
        Assert.Null(trailers.Get(StandbyTrailers.Agents));
    }

    [Fact]
    public async Task AnEmptyQueueIsActiveWhileStandbyIsWanted()
    {
        _ado.JobRequests[1] = [Jobs.Finished(3)];

        Assert.False((await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents"))).Result);
        Assert.True((await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", ("standbyAgents", "1")))).Result);
        Assert.False((await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", ("standbyAgents", "0")))).Result);
    }

    [Fact]
    public async Task TheScheduleAppliesInItsWindowOnly()
    {
        const string Schedule = "Tue 09:00-10:00 UTC=4";

        var before = await MetricsAsync(("standbySchedule", Schedule));
        Assert.Equal(2, before.Value);
        Assert.Equal(("0", "none"), (before.Trailers.GetValue(StandbyTrailers.Agents), before.Trailers.GetValue(StandbyTrailers.Source)));

        _time.Advance(TimeSpan.FromHours(1));
        var inside = await MetricsAsync(("standbySchedule", Schedule));
        Assert.Equal(2 + 4, inside.Value);
        Assert.Equal("schedule: Tue 09:00-10:00 UTC=4", inside.Trailers.GetValue(StandbyTrailers.Source));
    }

    [Fact]
    public async Task AutoLearnsFromTheFinishedJobsItSawAWeekEarlier()
    {
        (string, string) auto = ("standbyAgents", "auto");
        var first = await MetricsAsync(auto);
        Assert.Equal("auto: no history yet", first.Trailers.GetValue(StandbyTrailers.Source));

        // Three jobs ran from 09:00 to 09:50 this Tuesday; the scaler reads them at 10:00.
        var nine = new DateTimeOffset(2026, 7, 14, 9, 0, 0, TimeSpan.Zero);
        _ado.JobRequests[1] = [.. Enumerable.Range(10, 3).Select(id => Finished(id, nine, nine.AddMinutes(50)))];
        _time.Advance(TimeSpan.FromHours(2));
        await MetricsAsync(auto);

        // A week later, in the same hour, the queue is empty and three agents wait on standby.
        _ado.JobRequests[1] = [];
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(50));
        var (value, trailers) = await MetricsAsync(auto);
        Assert.Equal(3, value);
        Assert.Equal("auto: p95 of 1 week at Tue 09:00 UTC", trailers.GetValue(StandbyTrailers.Source));
        Assert.True((await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", auto))).Result);
    }

    [Theory]
    [InlineData("standbyAgents", "lots", "\"standbyAgents\" value \"lots\"")]
    [InlineData("standbyAgents", "-1", "\"standbyAgents\" value \"-1\"")]
    [InlineData("standbySchedule", "Mon 07:00-19:00 Europe/Nowhere=2", "time zone \"Europe/Nowhere\"")]
    public async Task BadStandbyMetadataIsRefusedNamingTheKey(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => MetricsAsync((key, value)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    private static TaskAgentJobRequest Finished(long id, DateTimeOffset queued, DateTimeOffset finished) =>
        Jobs.Queued(id) with { QueueTime = queued, ReceiveTime = queued, FinishTime = finished, Result = TaskResult.Succeeded };
}
