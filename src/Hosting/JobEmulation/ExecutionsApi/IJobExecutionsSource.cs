using WireExecution = AspireAgents.Scaling.ContainerApps.JobExecution;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>What the executions API serves: a job's executions as listed now, and who may read them.</summary>
internal interface IJobExecutionsSource
{
    /// <summary>The job's executions and readers, or <see langword="null"/> when there is no such job (or it has not started).</summary>
    JobExecutionsView? Find(string jobName);
}

/// <summary>A job's executions at one moment, and the principals granted read access to them.</summary>
/// <param name="Executions">The executions, oldest first, in the API's shape.</param>
/// <param name="Readers">Principal ids that may read them.</param>
internal sealed record JobExecutionsView(IReadOnlyList<WireExecution> Executions, IReadOnlyCollection<Guid> Readers);
