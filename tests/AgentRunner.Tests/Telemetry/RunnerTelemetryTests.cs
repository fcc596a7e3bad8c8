using System.Diagnostics;

namespace AspireAgents.AgentRunner.Tests.Telemetry;

public sealed class RunnerTelemetryTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == RunnerTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public RunnerTelemetryTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void ExecutionJoinsTheTraceNamedByTraceparent()
    {
        const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        using var execution = RunnerTelemetry.StartExecution(TraceParent, "vendor=value");

        Assert.NotNull(execution);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", execution.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", execution.ParentSpanId.ToHexString());
        Assert.Equal("vendor=value", execution.TraceStateString);
        Assert.True(execution.HasRemoteParent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    public void ExecutionStartsItsOwnTraceWithoutAValidTraceparent(string? traceParent)
    {
        using var execution = RunnerTelemetry.StartExecution(traceParent, null);

        Assert.NotNull(execution);
        Assert.Equal(default, execution.ParentSpanId);
    }

    [Fact]
    public void ExecutionCarriesTheContainerAppsExecutionName()
    {
        using var execution = RunnerTelemetry.StartExecution(null, null, "agents-x7k2p9q");

        Assert.Equal("agents-x7k2p9q", execution!.GetTagItem("containerapp.job.execution.name"));
    }

    [Fact]
    public void ExecutionWithoutANameHasNoExecutionNameAttribute()
    {
        using var execution = RunnerTelemetry.StartExecution(null, null, "");

        Assert.Null(execution!.GetTagItem(RunnerTelemetry.Tags.ExecutionName));
    }

    [Fact]
    public void StepsAreChildrenOfTheExecution()
    {
        using var execution = RunnerTelemetry.StartExecution(null, null);
        using var step = RunnerTelemetry.StartStep("register");

        Assert.Equal(execution!.SpanId, step!.ParentSpanId);
        Assert.Equal(execution.TraceId, step.TraceId);
    }
}
