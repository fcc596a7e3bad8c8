using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Runs one container app job as ACA and KEDA would: a manual job runs once, an event job polls its scale
/// rule every polling interval and starts the executions KEDA's ScaledJob arithmetic asks for.
/// </summary>
internal sealed partial class ContainerAppJobEmulator
{
    /// <summary>Finished executions kept visible in the dashboard, like KEDA's job history limits.</summary>
    internal const int HistoryLimit = 50;

    private readonly ContainerAppJobResource _job;
    private readonly JobEmulationDependencies _services;
    private readonly ILogger _logger;
    private readonly List<JobExecution> _executions = [];
    private readonly List<Task> _running = [];
    private readonly object _gate = new();
    private ExecutionSetup? _setup;
    private CancellationToken _stopping;
    private int _maxConcurrent;
    private int _started;
    private int _succeeded;
    private int _failed;
    private ResourceStateSnapshot? _state;

    public ContainerAppJobEmulator(ContainerAppJobResource job, JobEmulationDependencies services)
    {
        _job = job;
        _services = services;
        _logger = services.GetLogger(job);
    }

    public ContainerAppJobResource Job => _job;

    /// <summary>The pool the job's scale rule counts, as the decision spans name it.</summary>
    public string? PoolName { get; private set; }

    /// <summary>The queue length the scaler reported at the last decision; <see langword="null"/> before one, or after a scaler error.</summary>
    public double? LastQueueLength { get; private set; }

    /// <summary>Completes when the job's first round is done: a manual job's execution has finished.</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The most executions that ran at once.</summary>
    public int MaxConcurrentExecutions => Volatile.Read(ref _maxConcurrent);

    /// <summary>A snapshot of the executions still listed (finished ones up to <see cref="HistoryLimit"/>).</summary>
    public IReadOnlyList<JobExecution> Executions
    {
        get
        {
            lock (_gate)
            {
                return [.. _executions];
            }
        }
    }

    public async Task RunAsync(IReadOnlyCollection<ContainerAppJobEmulator> others, CancellationToken stopping)
    {
        _stopping = stopping;
        JobEmulationTelemetry.Observe(this);
        try
        {
            await PublishJobAsync("Starting", KnownResourceStateStyles.Info, []).ConfigureAwait(false);
            _setup = await CreateSetupAsync(stopping).ConfigureAwait(false);

            if (_job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out _))
            {
                await RunPlaceholderAsync(stopping).ConfigureAwait(false);
                return;
            }

            // The pool must hold its placeholder agent before any job is queued against it.
            foreach (var placeholder in others.Where(o => o.Job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var p) && p.AgentJob == _job))
            {
                await placeholder.Ready.Task.WaitAsync(stopping).ConfigureAwait(false);
            }

            await PollAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogEmulationFailed(_logger, exception, exception.Message);
            await PublishJobAsync("Failed", KnownResourceStateStyles.Error, [new("keda.reason", exception.Message)]).ConfigureAwait(false);
        }
        finally
        {
            Ready.TrySetResult();
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            JobEmulationTelemetry.Forget(this);
        }
    }

    /// <summary>Starts one execution now, as <c>az containerapp job start</c> does.</summary>
    public JobExecution StartManually() => Start(placeholder: _job.HasAnnotationOfType<PlaceholderAgentAnnotation>(), decision: default);

    /// <summary>Stops every running execution (SIGTERM, then a kill after the grace period).</summary>
    public int StopAll()
    {
        var running = Executions.Where(e => !e.IsFinished).ToList();
        running.ForEach(e => e.Stop());
        return running.Count;
    }

    private async Task RunPlaceholderAsync(CancellationToken stopping)
    {
        var execution = Start(placeholder: true, decision: default);
        await WaitForAsync(execution, stopping).ConfigureAwait(false);
        if (execution.Outcome != ExecutionOutcome.Succeeded)
        {
            LogPlaceholderFailed(_logger, execution.Name, execution.ExitCode);
        }

        Ready.TrySetResult();
        await PublishJobAsync(execution.Outcome == ExecutionOutcome.Succeeded ? "Completed" : "Failed",
            execution.Outcome == ExecutionOutcome.Succeeded ? KnownResourceStateStyles.Success : KnownResourceStateStyles.Error, []).ConfigureAwait(false);
    }

    private async Task PollAsync(CancellationToken stopping)
    {
        var trigger = _job.TryGetLastAnnotation<ContainerAppJobEventTriggerAnnotation>(out var t) ? t : new();
        var strategy = _job.TryGetLastAnnotation<KedaScalingStrategyAnnotation>(out var s) ? s : new();
        var rule = _job.TryGetLastAnnotation<ContainerAppJobScaleRuleAnnotation>(out var r) ? r
            : throw new InvalidOperationException($"Job '{_job.Name}' has no scale rule: add WithAzurePipelinesScaleRule or WithExternalScaler.");
        var settings = new ScaledJobSettings
        {
            MinExecutions = trigger.MinExecutions,
            MaxExecutions = trigger.MaxExecutions,
            Strategy = strategy.Strategy,
            CustomScalingQueueLengthDeduction = strategy.CustomScalingQueueLengthDeduction,
            CustomScalingRunningJobPercentage = strategy.CustomScalingRunningJobPercentage?.ToString(CultureInfo.InvariantCulture),
        };

        var pairingWarning = ScalingPairing.Warning(strategy.Strategy, rule.Metadata.EffectiveScaleOnInFlight);
        if (pairingWarning is not null)
        {
            LogPairingWarning(_logger, pairingWarning);
        }

        var metadata = ScaleRuleMetadata(rule);
        PoolName = metadata.TryGetValue("poolName", out var poolName) ? poolName : null;
        using var scaler = new ScalerPoller(ScalerAddress(rule), _job.Name, metadata);
        using var timer = new PeriodicTimer(trigger.PollingInterval, _services.Time);
        do
        {
            await DecideAsync(scaler, settings, trigger, rule, metadata, pairingWarning, stopping).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
    }

    private async Task DecideAsync(ScalerPoller scaler, ScaledJobSettings settings, ContainerAppJobEventTriggerAnnotation trigger,
        ContainerAppJobScaleRuleAnnotation rule, IReadOnlyDictionary<string, string> metadata, string? pairingWarning, CancellationToken stopping)
    {
        using var activity = JobEmulationTelemetry.StartDecision(_job.Name);
        if (metadata.TryGetValue("poolName", out var poolName))
        {
            activity?.SetTag(JobEmulationTelemetry.Tags.PoolName, poolName);
        }
        else if (metadata.TryGetValue("poolID", out var poolId))
        {
            activity?.SetTag(JobEmulationTelemetry.Tags.PoolId, poolId);
        }

        activity?.SetTag(JobEmulationTelemetry.Tags.PollingInterval, trigger.PollingInterval.TotalSeconds);
        activity?.SetTag(JobEmulationTelemetry.Tags.Strategy, settings.Strategy.ToString().ToLowerInvariant());
        activity?.SetTag(JobEmulationTelemetry.Tags.ScaleOnInFlight, rule.Metadata.EffectiveScaleOnInFlight);
        activity?.SetTag(JobEmulationTelemetry.Tags.MinExecutions, settings.MinExecutions);
        activity?.SetTag(JobEmulationTelemetry.Tags.MaxExecutions, settings.MaxExecutions);

        // Count executions before asking the scaler: a job that finishes in between is then missing from the
        // queue while its execution is still counted, which under-starts for one interval instead of over-starting.
        var (running, pending) = CountUnfinished();
        activity?.SetTag(JobEmulationTelemetry.Tags.Running, running);
        activity?.SetTag(JobEmulationTelemetry.Tags.Pending, pending);

        ScalerReading reading;
        try
        {
            reading = await scaler.ReadAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException && !stopping.IsCancellationRequested)
        {
            var reason = exception is RpcException rpc ? $"scaler error: {rpc.StatusCode}: {rpc.Status.Detail}" : $"scaler error: {exception.Message}";
            LastQueueLength = null;
            activity?.SetTag(JobEmulationTelemetry.Tags.Reason, reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            LogScalerFailed(_logger, reason);

            // KEDA skips a failing trigger and still keeps the minimum executions up (scale_handler.go getScaledJobMetrics).
            var fallback = ScaledJobCalculator.Decide(settings, new ScalingInput(0, 1, ScalerActive: false, running, pending));
            activity?.SetTag(JobEmulationTelemetry.Tags.Started, fallback.ToStart);
            for (var i = 0; i < fallback.ToStart; i++)
            {
                Start(placeholder: false, activity?.Context ?? default);
            }

            await PublishDecisionAsync(null, null, running, pending, settings, reason, pairingWarning).ConfigureAwait(false);
            return;
        }

        var decision = ScaledJobCalculator.Decide(settings, new ScalingInput(reading.QueueLength, reading.Target, reading.Active, running, pending));
        var reason2 = decision.ToStart > 0 ? null
            : !decision.Active ? "inactive: no job waits"
            : running >= settings.MaxExecutions ? "at max executions"
            : "enough executions for the queue";

        LastQueueLength = reading.QueueLength;
        activity?.SetTag(JobEmulationTelemetry.Tags.MetricName, reading.MetricName);
        activity?.SetTag(JobEmulationTelemetry.Tags.QueueLength, reading.QueueLength);
        activity?.SetTag(JobEmulationTelemetry.Tags.Target, reading.Target);
        activity?.SetTag(JobEmulationTelemetry.Tags.Active, decision.Active);
        activity?.SetTag(JobEmulationTelemetry.Tags.ScaleTo, decision.ScaleTo);
        activity?.SetTag(JobEmulationTelemetry.Tags.MaxScale, decision.MaxScale);
        activity?.SetTag(JobEmulationTelemetry.Tags.EffectiveMaxScale, decision.EffectiveMaxScale);
        activity?.SetTag(JobEmulationTelemetry.Tags.Started, decision.ToStart);
        if (reason2 is not null)
        {
            activity?.SetTag(JobEmulationTelemetry.Tags.Reason, reason2);
        }

        // Each execution is a child of this decision: its span, and the runner's through TRACEPARENT.
        var context = activity?.Context ?? default;
        for (var i = 0; i < decision.ToStart; i++)
        {
            Start(placeholder: false, context);
        }

        if (decision.ToStart > 0)
        {
            LogStarted(_logger, decision.ToStart, reading.QueueLength, running, pending, settings.Strategy);
        }

        await PublishDecisionAsync(reading, decision, running, pending, settings, reason2, pairingWarning).ConfigureAwait(false);
    }

    /// <summary>Unfinished executions (pending ones included) and those not started yet, placeholders left out.</summary>
    internal (long Running, long Pending) CountUnfinished()
    {
        lock (_gate)
        {
            var unfinished = _executions.Where(e => !e.IsFinished && !e.IsPlaceholder).ToList();
            return (unfinished.Count, unfinished.Count(e => e.IsPending));
        }
    }

    private JobExecution Start(bool placeholder, ActivityContext decision)
    {
        var setup = _setup ?? throw new InvalidOperationException($"Job '{_job.Name}' has not started yet.");
        var name = $"{_job.Name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var resource = new ContainerAppJobExecutionResource(name, _job);
        var execution = new JobExecution(resource, placeholder, setup, _services.GetLogger(resource), _services.Loggers.GetLogger(resource));

        Task run;
        lock (_gate)
        {
            _executions.Add(execution);
            _started += placeholder ? 0 : 1;
            var concurrent = _executions.Count(e => !e.IsFinished && !e.IsPlaceholder);
            if (concurrent > _maxConcurrent)
            {
                Volatile.Write(ref _maxConcurrent, concurrent);
            }

            run = Task.Run(() => RunExecutionAsync(execution, decision), CancellationToken.None);
            _running.Add(run);
        }

        return execution;
    }

    private async Task RunExecutionAsync(JobExecution execution, ActivityContext decision)
    {
        await execution.RunAsync(decision, _stopping).ConfigureAwait(false);
        lock (_gate)
        {
            if (!execution.IsPlaceholder)
            {
                _ = execution.Outcome == ExecutionOutcome.Succeeded ? _succeeded++ : _failed++;
            }
        }

        await TrimHistoryAsync().ConfigureAwait(false);
        await PublishJobAsync(state: null, style: null, []).ConfigureAwait(false);
    }

    private static async Task WaitForAsync(JobExecution execution, CancellationToken stopping)
    {
        while (!execution.IsFinished)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), stopping).ConfigureAwait(false);
        }
    }

    private async Task TrimHistoryAsync()
    {
        List<JobExecution> hidden;
        lock (_gate)
        {
            var finished = _executions.Where(e => e.IsFinished).ToList();
            hidden = finished.Take(Math.Max(0, finished.Count - HistoryLimit)).ToList();
            hidden.ForEach(e => _executions.Remove(e));
        }

        foreach (var execution in hidden)
        {
            await _services.Notifications.PublishUpdateAsync(execution.Resource, s => s with { IsHidden = true }).ConfigureAwait(false);
        }
    }

    private async Task<ExecutionSetup> CreateSetupAsync(CancellationToken stopping)
    {
        var runner = _job.Runner ?? throw new InvalidOperationException(
            $"Job '{_job.Name}' runs the image '{_job.Image}', which cannot run without a container runtime: give it the runner project instead.");
        var command = await RunnerCommand.ResolveAsync(runner, stopping).ConfigureAwait(false);
        var replicas = _job.TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var replica) ? replica
            : ConfigurationJob().TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var inherited) ? inherited : new();
        var personalAccessToken = ConfigurationJob().TryGetLastAnnotation<AzureDevOpsAuthenticationAnnotation>(out var authentication)
            && authentication.PersonalAccessToken is { } parameter
            ? await parameter.GetValueAsync(stopping).ConfigureAwait(false)
            : null;
        var environment = new ExecutionEnvironment(ConfigurationJob(), _services.Configuration, personalAccessToken);
        return new ExecutionSetup(command, replicas, environment.For, _services.Notifications, _services.Time);
    }

    /// <summary>The job whose settings apply: a placeholder job shares its agent job's pool and organisation.</summary>
    private ContainerAppJobResource ConfigurationJob() =>
        _job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var placeholder) ? placeholder.AgentJob : _job;

    private Uri ScalerAddress(ContainerAppJobScaleRuleAnnotation rule)
    {
        var scaler = rule.Scaler
            ?? (_job.TryGetLastAnnotation<LocalScalerAnnotation>(out var local) ? local.Scaler : null)
            ?? throw new InvalidOperationException(
                $"Job '{_job.Name}' uses KEDA's built-in azure-pipelines rule, which does not run locally: give it WithLocalScaler(scaler) so the Scaler answers in its place.");
        var endpoint = scaler.GetEndpoints().FirstOrDefault(e => e.EndpointName == "http") ?? scaler.GetEndpoints().First();
        return new Uri(endpoint.Url);
    }

    private IReadOnlyDictionary<string, string> ScaleRuleMetadata(ContainerAppJobScaleRuleAnnotation rule)
    {
        var metadata = rule.Metadata.ToMetadata().ToDictionary();
        if (_job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var emulator))
        {
            metadata["organizationURL"] = emulator.OrganizationUrl;
        }
        else if (!metadata.ContainsKey("organizationURL") && _job.TryGetLastAnnotation<AzurePipelinesPoolAnnotation>(out var pool))
        {
            metadata["organizationURL"] = pool.OrganizationUrl;
        }

        if (!metadata.ContainsKey("poolName") && !metadata.ContainsKey("poolID") && _job.TryGetLastAnnotation<AzurePipelinesPoolAnnotation>(out var named))
        {
            metadata["poolName"] = named.PoolName;
        }

        return metadata;
    }

    private Task PublishDecisionAsync(ScalerReading? reading, ScalingDecision? decision, long running, long pending, ScaledJobSettings settings, string? reason, string? pairingWarning)
    {
        var now = _services.Time.GetUtcNow();
        List<ResourcePropertySnapshot> properties =
        [
            Shown("keda.decided_at", "Last decision", now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
            Shown("keda.strategy", "Strategy", settings.Strategy.ToString().ToLowerInvariant()),
            Shown("keda.queue_length", "Queue length", reading?.QueueLength),
            Shown("keda.target", "Target per execution", reading?.Target),
            Shown("keda.active", "Active", decision?.Active),
            Shown("keda.running_executions", "Running (R)", running),
            Shown("keda.pending_executions", "Pending (P)", pending),
            Shown("keda.min_executions", "Min executions", settings.MinExecutions),
            Shown("keda.max_executions", "Max executions", settings.MaxExecutions),
            Shown("keda.executions_started", "Started", decision?.ToStart ?? 0),
            Shown("keda.reason", "Why nothing started", reason ?? ""),
            Shown("keda.pairing_warning", "Pairing warning", pairingWarning ?? ""),
        ];
        var (state, style) = decision is null
            ? ("Scaler unavailable", KnownResourceStateStyles.Warn)
            : ("Polling", KnownResourceStateStyles.Success);
        return PublishJobAsync(state, style, properties);
    }

    /// <summary>Publishes the job's state (unchanged when <paramref name="state"/> is null), properties and counters.</summary>
    private Task PublishJobAsync(string? state, string? style, IReadOnlyCollection<ResourcePropertySnapshot> properties)
    {
        int started, succeeded, failed, running;
        lock (_gate)
        {
            (started, succeeded, failed) = (_started, _succeeded, _failed);
            running = _executions.Count(e => !e.IsFinished && !e.IsPlaceholder);
            if (state is not null)
            {
                _state = new ResourceStateSnapshot(state, style);
            }
        }

        var counters = new ResourcePropertySnapshot[]
        {
            Shown("containerapp.executions.started", "Executions started", started),
            Shown("containerapp.executions.running", "Executions running", running),
            Shown("containerapp.executions.succeeded", "Executions succeeded", succeeded),
            Shown("containerapp.executions.failed", "Executions failed", failed),
            Shown("containerapp.executions.max_concurrent", "Most at once", MaxConcurrentExecutions),
        };
        var names = properties.Concat(counters).Select(p => p.Name).ToHashSet();
        return _services.Notifications.PublishUpdateAsync(_job, snapshot => snapshot with
        {
            State = _state ?? snapshot.State,
            StartTimeStamp = snapshot.StartTimeStamp ?? _services.Time.GetUtcNow().UtcDateTime,
            Properties = snapshot.Properties.Where(p => !names.Contains(p.Name)).ToImmutableArray().AddRange(properties).AddRange(counters),
        });
    }

    /// <summary>A property the dashboard lists by default, under a readable name.</summary>
    private static ResourcePropertySnapshot Shown(string name, string displayName, object? value) =>
        new(name, value) { DisplayName = displayName, IsHighlighted = true };

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Count} execution(s): queue length {QueueLength}, {Running} running, {Pending} pending, strategy {Strategy}.")]
    private static partial void LogStarted(ILogger logger, long count, double queueLength, long running, long pending, KedaScalingStrategy strategy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped this polling interval, nothing started: {Reason}.")]
    private static partial void LogScalerFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scaling pairing: {Warning}")]
    private static partial void LogPairingWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "The placeholder execution {Execution} failed (exit code {ExitCode}): jobs queued to an empty pool fail at once.")]
    private static partial void LogPlaceholderFailed(ILogger logger, string execution, int? exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job emulation stopped: {Reason}")]
    private static partial void LogEmulationFailed(ILogger logger, Exception exception, string reason);
}
