namespace AspireAgents.Scaling.ContainerApps;

/// <summary>
/// The values of an execution's <c>properties.status</c> (<c>JobExecutionRunningState</c> in Jobs.json, api-version
/// 2024-03-01: an extensible enum) and how KEDA counts an execution in each.
/// </summary>
/// <remarks>
/// KEDA 2.18.1 (the version Container Apps runs, microsoft/azure-container-apps#1819) counts a Job as running until it
/// has a <c>Complete</c> or <c>Failed</c> condition, and as pending while none of its pods is <c>Running</c> or
/// <c>Succeeded</c> (pkg/scaling/executor/scale_jobs.go, isJobFinished, getRunningJobCount, getPendingJobCount).
/// Read liberally: only the three ends finish an execution (or an <c>endTime</c>), so an unknown status counts as
/// running, as KEDA counts a Job whose conditions it does not recognise.
/// </remarks>
public static class JobExecutionStatus
{
    /// <summary>A replica runs.</summary>
    public const string Running = "Running";

    /// <summary>Created, its replica not running yet: KEDA's pending.</summary>
    public const string Processing = "Processing";

    /// <summary>Stopped (<c>az containerapp job stop</c>): finished.</summary>
    public const string Stopped = "Stopped";

    /// <summary>Running with failing replicas: unfinished.</summary>
    public const string Degraded = "Degraded";

    /// <summary>Failed after its retries: finished.</summary>
    public const string Failed = "Failed";

    /// <summary>The platform does not know: counted as unfinished.</summary>
    public const string Unknown = "Unknown";

    /// <summary>Succeeded: finished.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Whether KEDA would count the execution as finished.</summary>
    public static bool IsFinished(JobExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var properties = execution.Properties;
        return properties?.EndedAt is not null || Is(properties?.Status, Succeeded) || Is(properties?.Status, Failed) || Is(properties?.Status, Stopped);
    }

    /// <summary>Whether KEDA would count the execution as pending: unfinished, and no replica has run yet.</summary>
    public static bool IsPending(JobExecution execution) => !IsFinished(execution) && Is(execution.Properties?.Status, Processing);

    /// <summary>The running and pending executions among <paramref name="executions"/>, as KEDA counts them.</summary>
    public static ExecutionCounts Count(IEnumerable<JobExecution> executions)
    {
        ArgumentNullException.ThrowIfNull(executions);
        long running = 0, pending = 0;
        foreach (var execution in executions)
        {
            if (!IsFinished(execution))
            {
                running++;
                pending += IsPending(execution) ? 1 : 0;
            }
        }

        return new ExecutionCounts(running, pending);
    }

    private static bool Is(string? status, string value) => string.Equals(status?.Trim(), value, StringComparison.OrdinalIgnoreCase);
}
