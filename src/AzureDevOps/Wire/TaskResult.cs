using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// How a job request ended (<c>TaskResult</c>). A request without a result has not finished; a request with a result
/// this client does not know has finished all the same (KEDA counts a job only while <c>result</c> is absent).
/// The members' values are the numbers Azure DevOps uses when it sends the result as a number.
/// </summary>
public enum TaskResult
{
    /// <summary>
    /// A result this client does not know (a member added to Azure DevOps since), read but never sent: the job finished.
    /// </summary>
    Unknown = -1,

    /// <summary>The job succeeded.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>The job succeeded with warnings.</summary>
    [JsonStringEnumMemberName("succeededWithIssues")]
    SucceededWithIssues,

    /// <summary>The job failed, or could not be assigned to an agent.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The job was cancelled.</summary>
    [JsonStringEnumMemberName("canceled")]
    Canceled,

    /// <summary>The job was skipped.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>The service lost the agent running the job (its lock expired).</summary>
    [JsonStringEnumMemberName("abandoned")]
    Abandoned,

    /// <summary>Waits for a manual queue (7.2).</summary>
    [JsonStringEnumMemberName("manuallyQueued")]
    ManuallyQueued,

    /// <summary>Depends on a job that waits for a manual queue (7.2).</summary>
    [JsonStringEnumMemberName("dependentOnManualQueue")]
    DependentOnManualQueue,
}
