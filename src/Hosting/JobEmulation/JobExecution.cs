using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// One execution of a job: the agent-runner process, retried up to the replica retry limit, ended by the
/// replica timeout (SIGTERM, then a kill after ACA's 30 s grace), shown in the dashboard as a resource.
/// </summary>
internal sealed partial class JobExecution : IListedExecution
{
    internal const string ResourceType = "ContainerAppJobExecution";

    /// <summary>What ACA gives a replica between SIGTERM and SIGKILL.</summary>
    internal static readonly TimeSpan TerminationGracePeriod = TimeSpan.FromSeconds(30);

    private readonly ExecutionSetup _context;
    private readonly ILogger _logger;
    private readonly ILogger _console;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Process? _process;

    /// <param name="resource">The execution's resource in the dashboard.</param>
    /// <param name="placeholder">Whether it registers the pool's placeholder agent.</param>
    /// <param name="context">What every execution of the job shares.</param>
    /// <param name="logger">The execution's own messages (console and, when exported, structured logs).</param>
    /// <param name="console">The runner's output, shown on the console only: the runner exports its own logs.</param>
    public JobExecution(ContainerAppJobExecutionResource resource, bool placeholder, ExecutionSetup context, ILogger logger, ILogger console)
    {
        _logger = logger;
        _console = console;
        Resource = resource;
        IsPlaceholder = placeholder;
        _context = context;
        CreatedAt = context.Time.GetUtcNow();
    }

    public ContainerAppJobExecutionResource Resource { get; }

    public string Name => Resource.Name;

    public bool IsPlaceholder { get; }

    /// <summary>Whether a schedule trigger started it (a scheduled job's firing, not its manual start).</summary>
    public bool IsScheduled { get; init; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it ended, as the executions API's <c>endTime</c>.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Created but its process has not started: KEDA's "pending" job.</summary>
    public bool IsPending => !IsFinished && _process is null;

    public bool IsFinished => Outcome != ExecutionOutcome.None;

    public ExecutionOutcome Outcome { get; private set; }

    public int? ExitCode { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The W3C trace context of the execution's span, passed to its replicas as <c>TRACEPARENT</c>.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>The W3C trace state that goes with <see cref="TraceParent"/>, passed as <c>TRACESTATE</c>.</summary>
    public string? TraceState { get; private set; }

    /// <summary>Asks the execution to stop: SIGTERM now, a kill after the grace period.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Runs the execution to its end, as a span under <paramref name="decision"/> (the decision that started it, if any).</summary>
    public async Task RunAsync(ActivityContext decision, CancellationToken appStopping)
    {
        using var activity = JobEmulationTelemetry.StartExecution(this, decision);
        _context.Metrics.ExecutionStarted(Resource.Parent.Name, JobEmulationTelemetry.StartedBy(this, decision));
        TraceParent = activity?.Id;
        TraceState = activity?.TraceStateString;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(appStopping, _stop.Token);
        await PublishAsync("Starting", KnownResourceStateStyles.Info).ConfigureAwait(false);
        try
        {
            Outcome = await RunAttemptsAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before its replica's process started: it ends as stopped, not pending for ever (a pending
            // execution counts against every later decision).
            Outcome = ExecutionOutcome.Stopped;
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Execution could not start the agent runner.");
            Outcome = ExecutionOutcome.Failed;
        }

        var (state, style) = Outcome switch
        {
            ExecutionOutcome.Succeeded => ("Succeeded", KnownResourceStateStyles.Success),
            ExecutionOutcome.TimedOut => ("Timed out", KnownResourceStateStyles.Error),
            ExecutionOutcome.Stopped => ("Stopped", KnownResourceStateStyles.Warn),
            _ => ("Failed", KnownResourceStateStyles.Error),
        };
        EndedAt = _context.Time.GetUtcNow();
        JobEmulationTelemetry.RecordExecutionEnded(activity, this);
        _context.Metrics.ExecutionEnded(Resource.Parent.Name, Outcome, _context.Time.GetUtcNow() - CreatedAt);
        await PublishAsync(state, style).ConfigureAwait(false);
    }

    private async Task<ExecutionOutcome> RunAttemptsAsync(CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            Attempts = attempt + 1;
            ExecutionOutcome outcome;
            try
            {
                outcome = await RunOnceAsync(attempt, stopping).ConfigureAwait(false);
            }
            finally
            {
                RemoveReplicaDirectory(attempt);
            }

            if (outcome != ExecutionOutcome.Failed || attempt >= _context.Settings.ReplicaRetryLimit)
            {
                return outcome;
            }

            LogRetrying(_logger, ExitCode, attempt + 1, _context.Settings.ReplicaRetryLimit);
            Activity.Current?.AddEvent(new ActivityEvent("replica failed", tags: new ActivityTagsCollection
            {
                [JobEmulationAttributes.ExitCode] = ExitCode,
            }));
        }
    }

    private async Task<ExecutionOutcome> RunOnceAsync(int attempt, CancellationToken stopping)
    {
        var startInfo = new ProcessStartInfo(_context.Command.FileName, _context.Command.Arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // ACA names each replica; a retried replica is a new agent that cannot resume the old one's job.
        foreach (var (name, value) in _context.Environment(this, attempt))
        {
            startInfo.Environment[name] = value;
        }

        if (TraceParent is null)
        {
            // No span here to join (nothing listens): a trace context inherited from the AppHost's environment is not one.
            startInfo.Environment.Remove("TRACEPARENT");
            startInfo.Environment.Remove("TRACESTATE");
        }

        if (startInfo.Environment.TryGetValue("AZP_AGENT_NAME", out var agentName))
        {
            Activity.Current?.SetTag(JobEmulationAttributes.AgentName, agentName);
        }

        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) _console.LogInformation("{Line}", line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _console.LogError("{Line}", line.Data); };

        stopping.ThrowIfCancellationRequested();
        process.Start();
        lock (_gate)
        {
            _process = process;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Activity.Current?.AddEvent(new ActivityEvent("replica started", tags: new ActivityTagsCollection
        {
            [JobEmulationAttributes.ReplicaName] = ReplicaName(attempt),
            [JobEmulationAttributes.ProcessId] = process.Id,
        }));
        await PublishAsync("Running", KnownResourceStateStyles.Success, process.Id).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(_context.Settings.ReplicaTimeout, _context.Time);
        using var endEarly = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            await process.WaitForExitAsync(endEarly.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await TerminateAsync(process).ConfigureAwait(false);
            ExitCode = process.HasExited ? process.ExitCode : null;
            return timeout.IsCancellationRequested && !stopping.IsCancellationRequested ? ExecutionOutcome.TimedOut : ExecutionOutcome.Stopped;
        }

        // Drain the redirected streams before reading the exit code.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        ExitCode = process.ExitCode;
        return process.ExitCode == 0 ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed;
    }

    /// <summary>The name of the replica of <paramref name="attempt"/> (0 for the first): ACA names each replica anew.</summary>
    public string ReplicaName(int attempt) => attempt == 0 ? Name : $"{Name}-r{attempt}";

    /// <summary>Removes the replica's folder, as ACA discards a replica's disk.</summary>
    private void RemoveReplicaDirectory(int attempt)
    {
        var directory = ExecutionEnvironment.ReplicaDirectory(ReplicaName(attempt));
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException exception)
        {
            LogCleanupFailed(_logger, directory, exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            LogCleanupFailed(_logger, directory, exception.Message);
        }
    }

    /// <summary>SIGTERM, as ACA sends it, then a kill of the whole tree once the grace period is over.</summary>
    private async Task TerminateAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || SendSignal(process.Id, SigTerm) != 0)
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            LogTerminating(_logger, TerminationGracePeriod.TotalSeconds);
        }

        using var grace = new CancellationTokenSource(TerminationGracePeriod, _context.Time);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogKilling(_logger);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task PublishAsync(string state, string style, int? processId = null)
    {
        var now = _context.Time.GetUtcNow().UtcDateTime;
        return _context.Notifications.PublishUpdateAsync(Resource, snapshot =>
        {
            var properties = snapshot.Properties
                .Where(p => !p.Name.StartsWith("containerapp.", StringComparison.Ordinal) && p.Name != "resource.parentName")
                .ToImmutableArray()
                .AddRange(new ResourcePropertySnapshot[]
                {
                    new("resource.parentName", Resource.Parent.Name),
                    new(ContainerAppJobProperties.ExecutionPlaceholder, IsPlaceholder),
                    new(ContainerAppJobProperties.ExecutionAttempts, Attempts),
                    new(ContainerAppJobProperties.ExecutionOutcome, Outcome.ToString()),
                });
            if (processId is not null)
            {
                properties = properties.Add(new ResourcePropertySnapshot("executable.pid", processId));
            }

            return snapshot with
            {
                ResourceType = ResourceType,
                State = new ResourceStateSnapshot(state, style),
                CreationTimeStamp = snapshot.CreationTimeStamp ?? CreatedAt.UtcDateTime,
                StartTimeStamp = state == "Running" ? now : snapshot.StartTimeStamp,
                StopTimeStamp = IsFinished ? now : null,
                ExitCode = ExitCode,
                Properties = properties,
                Relationships = [new RelationshipSnapshot(Resource.Parent.Name, "Parent")],
            };
        });
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent runner exited with {ExitCode}; retrying ({Attempt} of {Limit}) as a new replica.")]
    private static partial void LogRetrying(ILogger logger, int? exitCode, int attempt, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sent SIGTERM; the agent runner has {GraceSeconds} s to finish before it is killed.")]
    private static partial void LogTerminating(ILogger logger, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the replica folder {Directory}: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The agent runner outlived the grace period and was killed.")]
    private static partial void LogKilling(ILogger logger);
}
