namespace AspireAgents.Scaling.Standby;

/// <summary>A finished job's time wanting an agent: from its queueing to its end.</summary>
/// <param name="Queued">When the job was queued.</param>
/// <param name="Finished">When it finished.</param>
public readonly record struct JobSpan(DateTimeOffset Queued, DateTimeOffset Finished);
