namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The names under which the job emulation's telemetry leaves the AppHost: its source and meter, span names and
/// instrument names. Attribute names are in <see cref="JobEmulationAttributes"/>.
/// </summary>
public static class JobEmulationTelemetryNames
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and meter name.</summary>
    public const string Source = "AspireAgents.JobEmulation";

    /// <summary>The <c>service.name</c> of the AppHost's telemetry.</summary>
    public const string ServiceName = "apphost";

    /// <summary>Span name of a polling interval's decision.</summary>
    public const string DecisionSpan = AspireAgents.Scaling.Telemetry.ScalingDecisionSpan.Name;

    /// <summary>Span name of an execution, from its creation until its last replica ended.</summary>
    public const string ExecutionSpan = "job execution";

    /// <summary>Gauge: the queue length the job's scaler reported at the last decision.</summary>
    public const string QueueLengthGauge = JobEmulationAttributes.QueueLength;

    /// <summary>Gauge: unfinished executions, pending ones included.</summary>
    public const string RunningExecutionsGauge = "containerapp.job.executions.running";

    /// <summary>Gauge: executions whose replica has not started.</summary>
    public const string PendingExecutionsGauge = "containerapp.job.executions.pending";

    /// <summary>Counter: executions started.</summary>
    public const string ExecutionsStartedCounter = "containerapp.job.executions.started";

    /// <summary>Histogram: how long executions lived.</summary>
    public const string ExecutionDurationHistogram = "containerapp.job.execution.duration";
}
