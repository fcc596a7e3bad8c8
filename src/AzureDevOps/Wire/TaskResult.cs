using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>How a job request ended (<c>TaskResult</c>). A request without a result has not finished.</summary>
public enum TaskResult
{
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
