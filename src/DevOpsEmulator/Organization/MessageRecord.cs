namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A message queued for a session until the agent deletes (acknowledges) it.</summary>
internal sealed record MessageRecord(long Id, string MessageType, string Body, JobRecord? Job);
