namespace Aspire.Hosting.JobEmulation;

/// <summary>What the execution registry reads of an execution, so that it can be tested without processes.</summary>
internal interface IExecutionState
{
    /// <summary>Whether it registers the pool's placeholder agent: never counted as a scaled execution.</summary>
    bool IsPlaceholder { get; }

    /// <summary>Created but its process has not started: KEDA's "pending" job.</summary>
    bool IsPending { get; }

    /// <summary>Whether it has ended.</summary>
    bool IsFinished { get; }

    /// <summary>How it ended.</summary>
    ExecutionOutcome Outcome { get; }
}
