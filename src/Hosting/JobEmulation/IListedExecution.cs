namespace Aspire.Hosting.JobEmulation;

/// <summary>What the executions API lists of an execution besides its state: its name and times.</summary>
internal interface IListedExecution : IExecutionState
{
    /// <summary>The execution's name.</summary>
    string Name { get; }

    /// <summary>When it was created: the API's <c>startTime</c>.</summary>
    DateTimeOffset CreatedAt { get; }

    /// <summary>When it ended: the API's <c>endTime</c>.</summary>
    DateTimeOffset? EndedAt { get; }
}
