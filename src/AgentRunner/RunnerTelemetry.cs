using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AspireAgents.AgentRunner;

/// <summary>
/// The runner's spans (one per execution, with a child per step) and metrics: execution durations, executions that got
/// no job, and how long jobs waited for an agent.
/// </summary>
internal static class RunnerTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name, <c>AspireAgents.AgentRunner</c>.</summary>
    public const string SourceName = "AspireAgents.AgentRunner";

    /// <summary>The source every span of the runner comes from.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter s_meter = new(SourceName);

    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram(
        "azp.runner.execution.duration", "s", "How long executions ran, from the runner's start to its exit, by result and whether the agent got a job.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200] });

    private static readonly Counter<long> s_noJob = s_meter.CreateCounter<long>(
        "azp.runner.executions.no_job", "{execution}", "Executions whose agent got no job (an execution started for a job another agent took, or for nothing).");

    private static readonly Histogram<double> s_wait = s_meter.CreateHistogram(
        "azp.job.wait.duration", "s", "How long jobs waited for an agent: queued until the agent received them, by pool.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800] });

    /// <summary>Attribute names (OpenTelemetry's where one exists, else <c>azp.*</c>).</summary>
    public static class Tags
    {
        public const string AgentName = "azp.agent.name";
        public const string AgentId = "azp.agent.id";
        public const string PoolName = "azp.pool.name";
        public const string PoolId = "azp.pool.id";
        public const string JobRequestId = "azp.job_request.id";
        public const string RunId = "azp.run.id";
        public const string PipelineName = "azp.pipeline.name";
        public const string JobResult = "azp.job.result";
        public const string JobReceived = "azp.job.received";
        public const string JobWait = "azp.job.wait.duration";
        public const string Placeholder = "azp.agent.placeholder";
        public const string Result = "azp.execution.result";
        public const string ExitCode = "process.exit.code";
        public const string Attempts = "azp.remove.attempts";
        public const string PreInstalled = "azp.agent.preinstalled";
        public const string PackageVersion = "azp.agent.version";
        public const string Credential = "azp.credential";
    }

    /// <summary>
    /// Starts the execution's span. Its parent is the W3C trace context in <paramref name="traceParent"/> when
    /// one is given (whoever started the execution passes it as <c>TRACEPARENT</c>), else it starts a trace.
    /// </summary>
    public static Activity? StartExecution(string? traceParent, string? traceState, string name = "agent execution")
    {
        ActivityContext parent = default;
        if (!string.IsNullOrWhiteSpace(traceParent))
        {
            _ = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out parent);
        }

        return Source.StartActivity(name, ActivityKind.Internal, parent);
    }

    /// <summary>Starts a step's span under the current one.</summary>
    public static Activity? StartStep(string name) => Source.StartActivity(name);

    /// <summary>Records an execution's end in the metrics.</summary>
    public static void RecordExecution(string pool, RunnerExitCode result, TimeSpan duration, JobObservation? job, bool placeholder)
    {
        if (placeholder)
        {
            return;
        }

        var received = job?.ReceivedJob == true;
        s_duration.Record(duration.TotalSeconds,
            new(Tags.PoolName, pool), new(Tags.Result, result.ToString()), new(Tags.JobReceived, received));
        if (!received)
        {
            s_noJob.Add(1, new(Tags.PoolName, pool), new(Tags.Result, result.ToString()));
        }
    }

    /// <summary>Records how long the agent's job waited for it.</summary>
    public static void RecordJobWait(string pool, TimeSpan wait) => s_wait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>(Tags.PoolName, pool));

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="description"/>.</summary>
    public static void Fail(this Activity? activity, string description) => activity?.SetStatus(ActivityStatusCode.Error, description);
}
