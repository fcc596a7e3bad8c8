namespace AspireAgents.Scaling;

/// <summary>A job's unfinished executions as KEDA counts them, placeholders left out.</summary>
/// <param name="Running">Unfinished executions, pending ones included (KEDA's running job count).</param>
/// <param name="Pending">Those whose process has not started yet.</param>
public readonly record struct ExecutionCounts(long Running, long Pending);
