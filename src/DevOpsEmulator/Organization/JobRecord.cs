using System.Diagnostics;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A job request in the organisation's memory, from queued to finished.</summary>
internal sealed class JobRecord
{
    public required long RequestId { get; init; }

    public required PoolRecord Pool { get; init; }

    public required RunRecord Run { get; init; }

    public required IReadOnlyList<string> Demands { get; init; }

    public required IReadOnlyList<JobStep> Steps { get; init; }

    public required DateTimeOffset QueueTime { get; init; }

    public Guid PlanId { get; } = Guid.NewGuid();

    public Guid JobId { get; } = Guid.NewGuid();

    public string JobName { get; init; } = "__default";

    public DateTimeOffset? AssignTime { get; set; }

    public DateTimeOffset? ReceiveTime { get; set; }

    public DateTimeOffset? FinishTime { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public TaskResult? Result { get; set; }

    public AgentRecord? ReservedAgent { get; set; }

    /// <summary>The session the job was delivered through: its id is the lock token.</summary>
    public Guid? LockToken { get; set; }

    public string? StatusMessage { get; set; }

    /// <summary>The logs the agent uploaded to the job's plan, in order.</summary>
    public List<LogRecord> Logs { get; } = [];

    /// <summary>The span the job was queued under (the request that queued its run): its life's parent.</summary>
    public ActivityContext QueuedIn { get; set; }

    /// <summary>The caller's span of the request that delivered the job (the agent's, when it sent a trace context).</summary>
    public ActivityContext ReceivedIn { get; set; }

    public bool IsFinished => Result is not null;

    public bool IsQueued => !IsFinished && ReservedAgent is null;

    public bool IsRunning => !IsFinished && ReservedAgent is not null;

    public string OrchestrationId => $"{PlanId}.job.{JobName}";
}
