namespace AspireAgents.AzureDevOps.Wire;

/// <summary>How a job request ended (<c>TaskResult</c>). A request without a result has not finished.</summary>
public enum TaskResult
{
    /// <summary>The job succeeded.</summary>
    Succeeded,

    /// <summary>The job succeeded with warnings.</summary>
    SucceededWithIssues,

    /// <summary>The job failed, or could not be assigned to an agent.</summary>
    Failed,

    /// <summary>The job was cancelled.</summary>
    Canceled,

    /// <summary>The job was skipped.</summary>
    Skipped,

    /// <summary>The service lost the agent running the job (its lock expired).</summary>
    Abandoned,

    /// <summary>Waits for a manual queue (7.2).</summary>
    ManuallyQueued,

    /// <summary>Depends on a job that waits for a manual queue (7.2).</summary>
    DependentOnManualQueue,
}
