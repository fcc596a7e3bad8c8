using System.Diagnostics;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using AspireAgents.Scaling;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Runs one container app job as ACA and KEDA would: a manual job runs once, a scheduled job starts an execution
/// each time its cron schedule fires, an event job polls its scale rule every polling interval and starts the
/// executions KEDA's ScaledJob arithmetic asks for. The decision
/// (<see cref="PollingDecision"/>), the executions' bookkeeping (<see cref="ExecutionRegistry{TExecution}"/>) and the
/// settings (<see cref="PollingSettings"/>) are pure; this class runs the loop and the processes around them.
/// </summary>
internal sealed partial class ContainerAppJobEmulator
{
    /// <summary>Finished executions kept visible in the dashboard, like KEDA's job history limits.</summary>
    internal const int HistoryLimit = 50;

    private readonly ContainerAppJobResource _job;
    private readonly JobEmulationDependencies _services;
    private readonly ILogger _logger;
    private readonly ExecutionRegistry<JobExecution> _executions = new(HistoryLimit);
    private readonly JobDashboard _dashboard;
    private readonly List<Task> _running = [];
    private readonly object _gate = new();
    private ExecutionSetup? _setup;
    private CancellationToken _stopping;

    public ContainerAppJobEmulator(ContainerAppJobResource job, JobEmulationDependencies services)
    {
        _job = job;
        _services = services;
        _logger = services.GetLogger(job);
        _dashboard = new JobDashboard(job, services.Notifications, services.Time);
    }

    public ContainerAppJobResource Job => _job;

    /// <summary>The pool the job's scale rule counts, as the decision spans name it.</summary>
    public string? PoolName { get; private set; }

    /// <summary>The queue length the scaler reported at the last decision; <see langword="null"/> before one, or after a scaler error.</summary>
    public double? LastQueueLength { get; private set; }

    /// <summary>Completes when the job's first round is done: a manual job's execution has finished.</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The executions still listed (finished ones up to <see cref="HistoryLimit"/>).</summary>
    public IReadOnlyList<JobExecution> Executions => _executions.Listed;

    /// <summary>Unfinished executions and those not started yet, placeholders left out.</summary>
    public ExecutionCounts Unfinished => _executions.Unfinished;

    public async Task RunAsync(IReadOnlyCollection<ContainerAppJobEmulator> others, CancellationToken stopping)
    {
        _stopping = stopping;
        _services.Metrics.Observe(this);
        try
        {
            await PublishAsync("Starting", KnownResourceStateStyles.Info).ConfigureAwait(false);
            _setup = await CreateSetupAsync(stopping).ConfigureAwait(false);

            if (_job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out _))
            {
                await RunPlaceholderAsync(stopping).ConfigureAwait(false);
                return;
            }

            // The pool must hold its placeholder agent before any job is queued against it, or it is maintained.
            var agentJob = ContainerAppJobSettings.Source(_job);
            foreach (var placeholder in others.Where(o => o.Job.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var p) && p.AgentJob == agentJob))
            {
                await placeholder.Ready.Task.WaitAsync(stopping).ConfigureAwait(false);
            }

            if (_job.TriggerType == ContainerAppJobTriggerType.Schedule)
            {
                await RunScheduleAsync(stopping).ConfigureAwait(false);
                return;
            }

            await PollAsync(PollingSettings.From(_job), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogEmulationFailed(_logger, exception, exception.Message);
            await PublishAsync("Failed", KnownResourceStateStyles.Error, [new(ContainerAppJobProperties.Reason, exception.Message)]).ConfigureAwait(false);
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
            _services.Metrics.Forget(this);
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
        while (!execution.IsFinished)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), stopping).ConfigureAwait(false);
        }

        var succeeded = execution.Outcome == ExecutionOutcome.Succeeded;
        if (!succeeded)
        {
            LogPlaceholderFailed(_logger, execution.Name, execution.ExitCode);
        }

        Ready.TrySetResult();
        await PublishAsync(succeeded ? "Completed" : "Failed", succeeded ? KnownResourceStateStyles.Success : KnownResourceStateStyles.Error).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts an execution each time the schedule fires, as Container Apps does for a scheduled job: the schedule in
    /// UTC, every execution started whether or not the previous one has ended.
    /// </summary>
    private async Task RunScheduleAsync(CancellationToken stopping)
    {
        var (_, schedule) = ContainerAppJobSettings.ScheduleTrigger(_job);
        if (_job.HasAnnotationOfType<MaintenanceJobAnnotation>())
        {
            _ = ContainerAppJobSettings.Maintenance(_job, runMode: true); // A bad setting stops here, as publishing would.
        }

        var last = DateTimeOffset.MinValue;
        while (true)
        {
            // From the later of now and the last firing: a timer that wakes a moment early must not fire the same minute twice.
            var now = _services.Time.GetUtcNow();
            var next = schedule.Next(now > last ? now : last);
            await PublishAsync("Scheduled", KnownResourceStateStyles.Success,
            [
                new(ContainerAppJobProperties.Schedule, schedule.Expression) { DisplayName = "Schedule (UTC)", IsHighlighted = true },
                new(ContainerAppJobProperties.NextExecution, next.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)) { DisplayName = "Next execution (UTC)", IsHighlighted = true },
            ]).ConfigureAwait(false);
            var wait = next - _services.Time.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _services.Time, stopping).ConfigureAwait(false);
            last = next;
            var execution = Start(placeholder: false, decision: default, scheduled: true);
            LogScheduledExecution(_logger, execution.Name, schedule.Expression);
        }
    }

    private async Task PollAsync(PollingSettings settings, CancellationToken stopping)
    {
        if (settings.PairingWarning is { } warning)
        {
            LogPairingWarning(_logger, warning);
        }

        PoolName = settings.PoolName;
        using var scaler = new ScalerPoller(settings.ScalerAddress(), _job.Name, settings.Metadata);
        using var timer = new PeriodicTimer(settings.PollingInterval, _services.Time);
        do
        {
            await DecideAsync(scaler, settings, stopping).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
    }

    private async Task DecideAsync(ScalerPoller scaler, PollingSettings settings, CancellationToken stopping)
    {
        using var activity = JobEmulationTelemetry.StartDecision(_job.Name, settings);

        // Count executions before asking the scaler: a job that finishes in between is then missing from the
        // queue while its execution is still counted, which under-starts for one interval instead of over-starting.
        var counts = _executions.Unfinished;
        PollingDecision decision;
        try
        {
            var reading = await scaler.ReadAsync(DateTime.UtcNow + settings.PollingInterval, stopping).ConfigureAwait(false);
            decision = PollingDecision.Decide(settings.Scaling, counts, reading);
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException && !stopping.IsCancellationRequested)
        {
            decision = PollingDecision.WithoutScaler(settings.Scaling, counts, ScalerError(exception));
            LogScalerFailed(_logger, decision.Reason!);
        }

        LastQueueLength = decision.Reading?.QueueLength;
        JobEmulationTelemetry.RecordDecision(activity, decision);

        // Each execution is a child of this decision: its span, and the runner's through TRACEPARENT.
        for (var i = 0; i < decision.ToStart; i++)
        {
            Start(placeholder: false, activity?.Context ?? default);
        }

        if (decision is { ToStart: > 0, Reading: { } read })
        {
            LogStarted(_logger, decision.ToStart, read.QueueLength, counts.Running, counts.Pending, settings.Scaling.Strategy);
        }

        await _dashboard.PublishDecisionAsync(decision, settings, _executions.Totals).ConfigureAwait(false);
    }

    private JobExecution Start(bool placeholder, ActivityContext decision, bool scheduled = false)
    {
        var setup = _setup ?? throw new InvalidOperationException($"Job '{_job.Name}' has not started yet.");
        var name = $"{_job.Name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var resource = new ContainerAppJobExecutionResource(name, _job);
        var execution = new JobExecution(resource, placeholder, setup, _services.GetLogger(resource), _services.Loggers.GetLogger(resource))
        {
            IsScheduled = scheduled,
        };
        _executions.Add(execution);
        lock (_gate)
        {
            // Only unfinished runs are awaited at shutdown; a finished one would keep its execution alive for ever.
            _running.RemoveAll(task => task.IsCompleted);
            _running.Add(Task.Run(() => RunExecutionAsync(execution, decision), CancellationToken.None));
        }

        return execution;
    }

    private async Task RunExecutionAsync(JobExecution execution, ActivityContext decision)
    {
        await execution.RunAsync(decision, _stopping).ConfigureAwait(false);
        await _dashboard.HideAsync(_executions.Finished(execution)).ConfigureAwait(false);
        await PublishAsync(state: null, style: null).ConfigureAwait(false);
    }

    private Task PublishAsync(string? state, string? style, IReadOnlyCollection<ResourcePropertySnapshot>? properties = null) =>
        _dashboard.PublishAsync(state, style, _executions.Totals, properties);

    private async Task<ExecutionSetup> CreateSetupAsync(CancellationToken stopping)
    {
        var runner = _job.Runner ?? throw new InvalidOperationException(
            $"Job '{_job.Name}' runs the image '{_job.Image}', which cannot run without a container runtime: give it the runner project instead.");
        var command = await RunnerCommand.ResolveAsync(runner, stopping).ConfigureAwait(false);
        var replicas = ContainerAppJobSettings.Replica(_job);
        var source = ContainerAppJobSettings.Source(_job);
        var personalAccessToken = source.TryGetLastAnnotation<AzureDevOpsAuthenticationAnnotation>(out var authentication)
            && authentication.PersonalAccessToken is { } parameter
            ? await parameter.GetValueAsync(stopping).ConfigureAwait(false)
            : null;
        var environment = new ExecutionEnvironment(source, _services.Configuration, personalAccessToken);
        return new ExecutionSetup(command, replicas, environment.For, _services.Notifications, _services.Time, _services.Metrics);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Count} execution(s): queue length {QueueLength}, {Running} running, {Pending} pending, strategy {Strategy}.")]
    private static partial void LogStarted(ILogger logger, long count, double queueLength, long running, long pending, KedaScalingStrategy strategy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Execution} on the schedule {Schedule}.")]
    private static partial void LogScheduledExecution(ILogger logger, string execution, string schedule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped this polling interval, nothing started: {Reason}.")]
    private static partial void LogScalerFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scaling pairing: {Warning}")]
    private static partial void LogPairingWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "The placeholder execution {Execution} failed (exit code {ExitCode}): jobs queued to an empty pool fail at once.")]
    private static partial void LogPlaceholderFailed(ILogger logger, string execution, int? exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job emulation stopped: {Reason}")]
    private static partial void LogEmulationFailed(ILogger logger, Exception exception, string reason);

    private static string ScalerError(Exception error) =>
        error is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : error.Message;
}
