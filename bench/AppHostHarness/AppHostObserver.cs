using Aspire.Hosting.JobEmulation;
using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace AspireAgents.AppHostHarness;

/// <summary>
/// Follows the AppHost's resource notifications: every execution's timestamps and outcome (also those the
/// dashboard hides after its history limit), the agent job's counters, each scaling decision, and the process
/// id and state of every resource (the Scaler's and the emulator's among them).
/// </summary>
public sealed class AppHostObserver(string jobName)
{
    /// <summary>The resource type the job emulation gives executions.</summary>
    private const string ExecutionResourceType = "ContainerAppJobExecution";

    private readonly ConcurrentDictionary<string, ExecutionRecord> _executions = new();
    private readonly ConcurrentQueue<DecisionRecord> _decisions = new();
    private readonly ConcurrentDictionary<string, (int? ProcessId, string? State)> _resources = new();
    private volatile CustomResourceSnapshot? _job;
    private string? _lastDecidedAt;

    public IReadOnlyCollection<ExecutionRecord> Executions => [.. _executions.Values];

    /// <summary>The executions of the observed job that ran its agents: not the placeholder's, nor another job's.</summary>
    public IReadOnlyList<ExecutionRecord> AgentExecutions =>
        [.. _executions.Values.Where(e => !e.Placeholder && (e.Job is null || e.Job == jobName))];

    public IReadOnlyList<DecisionRecord> Decisions => [.. _decisions];

    public string? JobState => _job?.State?.Text;

    public long JobCounter(string name) => _job is { } job ? (long)Number(job, name) : 0;

    /// <summary>The process of a resource (by its model name, or an execution's name) as last published, if running.</summary>
    public int? ProcessId(string resourceName) => _resources.TryGetValue(resourceName, out var r) ? r.ProcessId : null;

    /// <summary>The state of a resource (by its model name) as last published: Running, Exited, Finished…</summary>
    public string? State(string resourceName) => _resources.TryGetValue(resourceName, out var r) ? r.State : null;

    public async Task WatchAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                _resources[change.Resource.Name] = (ProcessIdOf(change.Snapshot), change.Snapshot.State?.Text);
                if (change.Snapshot.ResourceType == ExecutionResourceType)
                {
                    Record(change.Resource.Name, change.Snapshot);
                }
                else if (change.Resource.Name == jobName)
                {
                    _job = change.Snapshot;
                    RecordDecision(change.Snapshot);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Record(string name, CustomResourceSnapshot snapshot)
    {
        var placeholder = Text(snapshot, ContainerAppJobProperties.ExecutionPlaceholder) is { } value && bool.Parse(value);
        _executions[name] = new ExecutionRecord(
            name,
            placeholder,
            snapshot.CreationTimeStamp,
            snapshot.StartTimeStamp,
            snapshot.StopTimeStamp,
            Text(snapshot, ContainerAppJobProperties.ExecutionOutcome) ?? "None",
            ProcessIdOf(snapshot),
            Text(snapshot, "resource.parentName"));
    }

    /// <summary>The job publishes on every execution change too; a decision is a new <c>keda.decided_at</c>.</summary>
    private void RecordDecision(CustomResourceSnapshot snapshot)
    {
        var decidedAt = Text(snapshot, ContainerAppJobProperties.DecidedAt);
        if (decidedAt is null || decidedAt == _lastDecidedAt)
        {
            return;
        }

        _lastDecidedAt = decidedAt;
        _decisions.Enqueue(new DecisionRecord(
            DateTimeOffset.UtcNow,
            Text(snapshot, ContainerAppJobProperties.QueueLength) is null ? null : Number(snapshot, ContainerAppJobProperties.QueueLength),
            (long)Number(snapshot, ContainerAppJobProperties.RunningExecutions),
            (long)Number(snapshot, ContainerAppJobProperties.PendingExecutions),
            (long)Number(snapshot, ContainerAppJobProperties.ExecutionsStarted),
            Text(snapshot, ContainerAppJobProperties.Reason) ?? ""));
    }

    /// <summary>The process id Aspire (<c>executable.pid</c>) or the job emulation publishes for a running resource.</summary>
    private static int? ProcessIdOf(CustomResourceSnapshot snapshot) =>
        Text(snapshot, "executable.pid") is { Length: > 0 } pid && int.TryParse(pid, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string? Text(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value is { } value
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static double Number(CustomResourceSnapshot snapshot, string name) =>
        Text(snapshot, name) is { Length: > 0 } value ? double.Parse(value, CultureInfo.InvariantCulture) : 0;
}

/// <summary>One execution (of any job: <see cref="Job"/> names it) as the dashboard last showed it.</summary>
public sealed record ExecutionRecord(string Name, bool Placeholder, DateTime? Created, DateTime? Started, DateTime? Stopped, string Outcome, int? ProcessId, string? Job);

/// <summary>One polling interval's decision, seen when it was published.</summary>
public sealed record DecisionRecord(DateTimeOffset At, double? QueueLength, long Running, long Pending, long Started, string Reason);
