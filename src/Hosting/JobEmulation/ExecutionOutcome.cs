namespace Aspire.Hosting.JobEmulation;

/// <summary>How an execution ended, as ACA reports it.</summary>
internal enum ExecutionOutcome
{
    /// <summary>Not finished yet.</summary>
    None,

    /// <summary>The runner exited 0.</summary>
    Succeeded,

    /// <summary>The runner exited non-zero after every retry.</summary>
    Failed,

    /// <summary>The replica timeout ended it.</summary>
    TimedOut,

    /// <summary>Stopped from the dashboard or when the AppHost stopped.</summary>
    Stopped,
}
