using System.Diagnostics;
using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Services;
using AspireAgents.Scaling;
using AspireAgents.Scaling.ContainerApps;
using AspireAgents.Scaling.Telemetry;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Observer;

/// <summary>
/// Runs beside a job's scale rule and reconstructs, every polling interval, what KEDA's <c>default</c> strategy should
/// start: the job's unfinished executions from the executions API, the queue read with the rule's own metadata through the
/// Scaler's counting and shared cache, and the ScaledJob arithmetic of <see cref="PollingDecision"/>. Each interval is a
/// <c>scaling decision</c> span like the job emulation's; when starts are due for several intervals and no execution
/// appears, the gap is flagged (span event, counter, warning): a rule that never fires otherwise looks like an idle pool.
/// </summary>
public sealed partial class ScalingObserver(
    JobExecutionsClient executions,
    TriggerMetadataCache triggers,
    AzurePipelinesQueue queue,
    IOptions<ObserverOptions> options,
    TimeProvider time,
    ILogger<ScalingObserver> logger) : BackgroundService
{
    private readonly ObserverOptions _options = options.Value;
    private readonly ExecutionGapDetector _gaps = new(options.Value.GapIntervals);
    private HashSet<string>? _seen;

    /// <summary>The last interval's decision, or <see langword="null"/> before one or when the executions could not be read.</summary>
    public PollingDecision? LastDecision { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollingInterval, time);
        do
        {
            await ObserveAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Observes one polling interval.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The decision, or <see langword="null"/> when the executions could not be read.</returns>
    public async Task<PollingDecision?> ObserveAsync(CancellationToken cancellationToken)
    {
        // Each interval is a trace of its own, as each of KEDA's polling intervals is.
        Activity.Current = null;
        using var activity = ObserverTelemetry.Source.StartActivity(ScalingDecisionSpan.Name, ActivityKind.Internal);
        AzurePipelinesTrigger trigger;
        try
        {
            trigger = triggers.GetOrParse(_options.Metadata);
        }
        catch (ScalerException ex)
        {
            // The rule's metadata is wrong: so is the rule's, in KEDA, and nothing ever starts.
            return Fail(activity, "metadata", $"the rule's metadata is not valid: {ex.Message}");
        }

        ScalingDecisionSpan.TagSettings(activity, _options.JobName, trigger.PoolName, trigger.PoolName is null ? trigger.PoolId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            _options.PollingInterval, _options.Scaling, trigger.Rules.ScaleOnInFlight);

        // Executions first, then the queue, as the job emulation and KEDA do: a job that finishes in between is then
        // missing from the queue while its execution still counts, which under-starts rather than over-starts.
        IReadOnlyList<JobExecution> listed;
        try
        {
            listed = await executions.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (JobExecutionsApiException ex)
        {
            return Fail(activity, ex.Code ?? "executions", $"executions API error: {ex.Message}");
        }

        var counts = JobExecutionStatus.Count(listed);
        var decision = await DecideAsync(trigger, counts, cancellationToken).ConfigureAwait(false);
        ScalingDecisionSpan.RecordDecision(activity, decision);
        LastDecision = decision;

        var appeared = Appeared(listed);
        ObserverTelemetry.RecordAppeared(activity, _options.JobName, appeared);
        var missing = _gaps.Expected;
        if (_gaps.Observe(appeared.Count, decision.ToStart))
        {
            ObserverTelemetry.RecordGap(activity, _options.JobName, _gaps.Streak, missing);
            LogGap(logger, _options.JobName, _gaps.Streak, missing, decision.Reading?.QueueLength ?? 0, counts.Running, _options.MaxExecutions,
                trigger.PoolDescription, string.Join(", ", _options.Metadata.Where(m => m.Key != MetadataKeys.OrganizationUrl).Select(m => $"{m.Key}={m.Value}")));
        }

        return decision;
    }

    private async Task<PollingDecision> DecideAsync(AzurePipelinesTrigger trigger, ExecutionCounts counts, CancellationToken cancellationToken)
    {
        try
        {
            var measurement = await queue.MeasureAsync(trigger, cancellationToken).ConfigureAwait(false);
            // What the azure-pipelines scaler answers KEDA: metric azure-pipelines-{poolId}, target
            // targetPipelinesQueueLength, active above activationTargetPipelinesQueueLength (ExternalScalerService).
            var reading = new ScalerReading(MetricNames.ForPool(measurement.PoolId), measurement.QueueLength, trigger.TargetPipelinesQueueLength,
                measurement.QueueLength > trigger.ActivationTargetPipelinesQueueLength);
            return PollingDecision.Decide(_options.Scaling, counts, reading);
        }
        catch (ScalerException ex)
        {
            LogQueueFailed(logger, _options.JobName, ex.Message);
            return PollingDecision.WithoutScaler(_options.Scaling, counts, $"{ex.StatusCode}: {ex.Message}");
        }
    }

    /// <summary>The executions not listed at the previous read; none at the first, which has nothing to compare with.</summary>
    private List<JobExecution> Appeared(IReadOnlyList<JobExecution> listed)
    {
        var names = listed.Select(e => e.Name!).ToHashSet(StringComparer.Ordinal);
        var appeared = _seen is null ? [] : listed.Where(e => !_seen.Contains(e.Name!)).ToList();
        _seen = names;
        return appeared;
    }

    private PollingDecision? Fail(Activity? activity, string errorType, string reason)
    {
        LastDecision = null;
        activity?.SetTag(ScalingDecisionAttributes.Reason, reason);
        activity?.SetTag(ObserverTelemetry.Tags.Error, errorType);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        LogIntervalFailed(logger, _options.JobName, reason);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {Job}: the scale rule is not firing. For {Intervals} polling intervals KEDA should have started executions ({Expected} at the last) " +
        "and none appeared (queue length {QueueLength}, {Running} running). Likely causes: the rule's identity or PAT is not " +
        "accepted by Azure DevOps (with the built-in rule, a managed identity may not be supported: microsoft/azure-container-apps#1505); its " +
        "metadata names another pool or other demands than this observer's (pool {Pool}; {Metadata}); or the job's maxExecutions is lower than this " +
        "observer's ({MaxExecutions}), or reached by executions Container Apps still counts. See the job's system logs (ContainerAppSystemLogs_CL) for KEDA's own errors.")]
    private static partial void LogGap(ILogger logger, string job, int intervals, long expected, double queueLength, long running, int maxExecutions, string pool, string metadata);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: the queue could not be read, decided without it: {Reason}")]
    private static partial void LogQueueFailed(ILogger logger, string job, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: this polling interval could not be observed: {Reason}")]
    private static partial void LogIntervalFailed(ILogger logger, string job, string reason);
}
