using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The job emulation's traces and metrics, <c>AspireAgents.JobEmulation</c>: a span per scaling decision whose
/// children are the scaler's gRPC calls and the executions it started; the queue length each decision read, the
/// running and pending executions, executions started and their durations.
/// </summary>
internal static class JobEmulationTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string Name = "AspireAgents.JobEmulation";

    /// <summary>Span name of a polling interval's decision.</summary>
    public const string DecisionSpan = "scaling decision";

    /// <summary>Span name of an execution, from its creation until its last replica ended.</summary>
    public const string ExecutionSpan = "job execution";

    /// <summary>The source every span of the emulation comes from.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);
    private static readonly ConcurrentDictionary<ContainerAppJobEmulator, byte> s_jobs = new();
    private static readonly Counter<long> s_started = s_meter.CreateCounter<long>(
        "containerapp.job.executions.started", "{execution}", "Executions started, by job and by what started them (decision, manual, placeholder).");

    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram(
        "containerapp.job.execution.duration", "s", "How long executions lived, from creation (pending) until their last replica ended, by job and outcome.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200] });

    static JobEmulationTelemetry()
    {
        s_meter.CreateObservableGauge("keda.queue_length", ObserveQueueLengths, "{job}",
            "The queue length the job's scaler reported at the last decision, by job and pool.");
        s_meter.CreateObservableGauge("containerapp.job.executions.running", () => ObserveExecutions(pending: false), "{execution}",
            "Unfinished executions of the job (pending ones included), as KEDA counts them.");
        s_meter.CreateObservableGauge("containerapp.job.executions.pending", () => ObserveExecutions(pending: true), "{execution}",
            "Executions created whose replica has not started yet.");
    }

    /// <summary>Attribute names: OpenTelemetry's where one exists, else <c>keda.*</c>, <c>containerapp.*</c>, <c>azp.*</c>.</summary>
    public static class Tags
    {
        public const string JobName = "containerapp.job.name";
        public const string ExecutionName = "containerapp.job.execution.name";
        public const string ReplicaName = "containerapp.replica.name";
        public const string Placeholder = "containerapp.execution.placeholder";
        public const string StartedBy = "containerapp.execution.started_by";
        public const string Outcome = "containerapp.execution.outcome";
        public const string Attempts = "containerapp.execution.attempts";
        public const string ExitCode = "process.exit.code";
        public const string ProcessId = "process.pid";
        public const string AgentName = "azp.agent.name";
        public const string PoolName = "azp.pool.name";
        public const string PoolId = "azp.pool.id";
        public const string PollingInterval = "keda.polling_interval";
        public const string Strategy = "keda.strategy";
        public const string ScaleOnInFlight = "keda.scale_on_in_flight";
        public const string MinExecutions = "keda.min_executions";
        public const string MaxExecutions = "keda.max_executions";
        public const string Running = "keda.running_executions";
        public const string Pending = "keda.pending_executions";
        public const string MetricName = "keda.metric_name";
        public const string QueueLength = "keda.queue_length";
        public const string Target = "keda.target";
        public const string Active = "keda.active";
        public const string ScaleTo = "keda.scale_to";
        public const string MaxScale = "keda.max_scale";
        public const string EffectiveMaxScale = "keda.effective_max_scale";
        public const string Started = "keda.executions_started";
        public const string Reason = "keda.reason";
        public const string RpcSystem = "rpc.system";
        public const string RpcService = "rpc.service";
        public const string RpcMethod = "rpc.method";
        public const string RpcStatusCode = "rpc.grpc.status_code";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
        public const string ErrorType = "error.type";
    }

    /// <summary>Makes the job's counts visible to the gauges while it runs.</summary>
    public static void Observe(ContainerAppJobEmulator job) => s_jobs[job] = 0;

    /// <summary>Stops observing the job.</summary>
    public static void Forget(ContainerAppJobEmulator job) => s_jobs.TryRemove(job, out _);

    /// <summary>Starts the span of one polling interval's decision; a trace of its own.</summary>
    public static Activity? StartDecision(string jobName)
    {
        // A decision starts a trace of its own, whatever the poll loop runs under.
        Activity.Current = null;
        var activity = Source.StartActivity(DecisionSpan, ActivityKind.Internal);
        activity?.SetTag(Tags.JobName, jobName);
        return activity;
    }

    /// <summary>
    /// Starts a client span for a call to the external scaler, as OpenTelemetry's gRPC conventions name it
    /// (<c>externalscaler.ExternalScaler/GetMetrics</c>).
    /// </summary>
    public static Activity? StartScalerCall(string method, Uri address)
    {
        const string service = "externalscaler.ExternalScaler";
        var activity = Source.StartActivity($"{service}/{method}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(Tags.RpcSystem, "grpc");
            activity.SetTag(Tags.RpcService, service);
            activity.SetTag(Tags.RpcMethod, method);
            activity.SetTag(Tags.ServerAddress, address.Host);
            activity.SetTag(Tags.ServerPort, address.Port);
        }

        return activity;
    }

    /// <summary>Starts an execution's span under <paramref name="parent"/> (the decision that started it, or none).</summary>
    public static Activity? StartExecution(JobExecution execution, ActivityContext parent)
    {
        // Without a decision (a manual start, the placeholder) the execution starts a trace of its own.
        Activity.Current = null;
        var activity = Source.StartActivity(ExecutionSpan, ActivityKind.Internal, parent);
        if (activity is not null)
        {
            activity.SetTag(Tags.JobName, execution.Resource.Parent.Name);
            activity.SetTag(Tags.ExecutionName, execution.Name);
            activity.SetTag(Tags.Placeholder, execution.IsPlaceholder);
            activity.SetTag(Tags.StartedBy, StartedBy(execution, parent));
        }

        s_started.Add(1, new(Tags.JobName, execution.Resource.Parent.Name), new(Tags.StartedBy, StartedBy(execution, parent)));
        return activity;
    }

    /// <summary>Records an execution's end: its span's outcome attributes and the duration histogram.</summary>
    public static void RecordExecutionEnded(Activity? activity, JobExecution execution, TimeSpan duration)
    {
        var outcome = execution.Outcome.ToString();
        if (activity is not null)
        {
            activity.SetTag(Tags.Outcome, outcome);
            activity.SetTag(Tags.Attempts, execution.Attempts);
            if (execution.ExitCode is { } exitCode)
            {
                activity.SetTag(Tags.ExitCode, exitCode);
            }

            if (execution.Outcome is ExecutionOutcome.Failed or ExecutionOutcome.TimedOut)
            {
                activity.SetStatus(ActivityStatusCode.Error, $"{outcome} (exit code {execution.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
            }
        }

        s_duration.Record(duration.TotalSeconds, new(Tags.JobName, execution.Resource.Parent.Name), new(Tags.Outcome, outcome));
    }

    private static string StartedBy(JobExecution execution, ActivityContext parent) =>
        execution.IsPlaceholder ? "placeholder" : parent == default ? "manual" : "decision";

    private static IEnumerable<Measurement<long>> ObserveExecutions(bool pending)
    {
        foreach (var job in s_jobs.Keys)
        {
            var (running, waiting) = job.CountUnfinished();
            yield return new Measurement<long>(pending ? waiting : running, new KeyValuePair<string, object?>(Tags.JobName, job.Job.Name));
        }
    }

    private static IEnumerable<Measurement<double>> ObserveQueueLengths()
    {
        foreach (var job in s_jobs.Keys)
        {
            if (job.LastQueueLength is { } queueLength)
            {
                yield return new Measurement<double>(queueLength,
                    new KeyValuePair<string, object?>(Tags.JobName, job.Job.Name),
                    new KeyValuePair<string, object?>(Tags.PoolName, job.PoolName));
            }
        }
    }
}
