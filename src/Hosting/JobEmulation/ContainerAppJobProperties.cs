namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The names of the properties a job and its executions show in the dashboard under <c>dotnet run</c>, for whatever
/// reads them back (tests, benchmarks). Where a property is also a decision span's attribute it has the same name.
/// </summary>
public static class ContainerAppJobProperties
{
    /// <summary>When the last decision was made (<c>HH:mm:ss</c>, UTC): a new value is a new decision.</summary>
    public const string DecidedAt = "keda.decided_at";

    /// <summary>The strategy, lower case.</summary>
    public const string Strategy = JobEmulationAttributes.Strategy;

    /// <summary>The queue length the scaler reported; empty after a scaler error.</summary>
    public const string QueueLength = JobEmulationAttributes.QueueLength;

    /// <summary>The metric's target per execution.</summary>
    public const string Target = JobEmulationAttributes.Target;

    /// <summary>Whether the trigger counted as active.</summary>
    public const string Active = JobEmulationAttributes.Active;

    /// <summary>Unfinished executions at the decision (R).</summary>
    public const string RunningExecutions = JobEmulationAttributes.Running;

    /// <summary>Pending executions at the decision (P).</summary>
    public const string PendingExecutions = JobEmulationAttributes.Pending;

    /// <summary>Minimum executions.</summary>
    public const string MinExecutions = JobEmulationAttributes.MinExecutions;

    /// <summary>Maximum executions.</summary>
    public const string MaxExecutions = JobEmulationAttributes.MaxExecutions;

    /// <summary>Executions the last decision started.</summary>
    public const string ExecutionsStarted = JobEmulationAttributes.Started;

    /// <summary>Why the last decision started nothing, or the scaler's error.</summary>
    public const string Reason = JobEmulationAttributes.Reason;

    /// <summary>A warning when the strategy and <c>scaleOnInFlight</c> do not fit.</summary>
    public const string PairingWarning = "keda.pairing_warning";

    /// <summary>Executions started since the AppHost started, placeholders left out.</summary>
    public const string Started = "containerapp.executions.started";

    /// <summary>Executions running now.</summary>
    public const string Running = "containerapp.executions.running";

    /// <summary>Executions that succeeded.</summary>
    public const string Succeeded = "containerapp.executions.succeeded";

    /// <summary>Executions that failed, timed out or were stopped.</summary>
    public const string Failed = "containerapp.executions.failed";

    /// <summary>The most executions that ran at once.</summary>
    public const string MaxConcurrent = "containerapp.executions.max_concurrent";

    /// <summary>On a scheduled job: its cron expression (UTC).</summary>
    public const string Schedule = "containerapp.schedule.cron";

    /// <summary>On a scheduled job: when its next execution starts (<c>HH:mm:ss</c>, UTC).</summary>
    public const string NextExecution = "containerapp.schedule.next";

    /// <summary>On an execution: whether it registers the placeholder agent.</summary>
    public const string ExecutionPlaceholder = JobEmulationAttributes.Placeholder;

    /// <summary>On an execution: its replicas so far.</summary>
    public const string ExecutionAttempts = JobEmulationAttributes.Attempts;

    /// <summary>On an execution: how it ended (<c>None</c> while it runs).</summary>
    public const string ExecutionOutcome = JobEmulationAttributes.Outcome;
}
