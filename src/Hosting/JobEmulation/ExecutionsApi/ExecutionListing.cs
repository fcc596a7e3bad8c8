using System.Globalization;
using AspireAgents.Scaling.ContainerApps;
using WireExecution = AspireAgents.Scaling.ContainerApps.JobExecution;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// An execution as the Container Apps executions API shows it, read once from the emulation's state: the status
/// (<c>JobExecutionRunningState</c>, Jobs.json 2024-03-01), start and end time. Reading the state once per execution is
/// what lets a count of the listing agree exactly with the emulation's own count of the same moment.
/// </summary>
internal static class ExecutionListing
{
    /// <summary>The status the API reports for an execution in this state.</summary>
    public static string StatusOf(IExecutionState execution) => execution switch
    {
        { IsFinished: false, IsPending: true } => JobExecutionStatus.Processing,
        { IsFinished: false } => JobExecutionStatus.Running,
        { Outcome: ExecutionOutcome.Succeeded } => JobExecutionStatus.Succeeded,
        { Outcome: ExecutionOutcome.Stopped } => JobExecutionStatus.Stopped,
        // Failed after its retries, or ended by the replica timeout: Container Apps reports both as failed.
        _ => JobExecutionStatus.Failed,
    };

    /// <summary>The executions of a job as the API lists them, placeholders left out as the emulation counts them, oldest first.</summary>
    public static IReadOnlyList<WireExecution> List(string jobId, IEnumerable<IListedExecution> executions) =>
        [.. executions
            .Where(e => !e.IsPlaceholder)
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => ToWire(jobId, e))];

    private static WireExecution ToWire(string jobId, IListedExecution execution)
    {
        var status = StatusOf(execution);
        var ended = status is JobExecutionStatus.Running or JobExecutionStatus.Processing ? null : execution.EndedAt;
        return new WireExecution(
            execution.Name,
            $"{jobId}/executions/{execution.Name}",
            ContainerAppsApi.ExecutionType,
            new JobExecutionProperties(status, Time(execution.CreatedAt), ended is { } end ? Time(end) : null));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
