namespace AspireAgents.Chaos;

/// <summary>When a fault held, and what it killed.</summary>
public sealed record FaultWindow(FaultKind Kind, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Kill> Kills);

/// <summary>An execution killed by the suite, and the job its agent was running, if any.</summary>
public sealed record Kill(string Execution, long? RequestId, DateTimeOffset At);
