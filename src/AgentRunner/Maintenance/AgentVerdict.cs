using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>What a maintenance run does with one agent of the pool, and why.</summary>
/// <param name="Agent">The agent as the pool listed it.</param>
/// <param name="Remove">Whether it is removed.</param>
/// <param name="Reason">Why.</param>
internal sealed record AgentVerdict(TaskAgent Agent, bool Remove, AgentVerdictReason Reason);

/// <summary>Why an agent is removed or kept; the order is the order the rules are applied in.</summary>
internal enum AgentVerdictReason
{
    /// <summary>Removed: offline, without a job, registered by the job's executions longer ago than the grace period.</summary>
    Dead,

    /// <summary>Kept: the placeholder, which the pool needs so that jobs can be queued.</summary>
    Placeholder,

    /// <summary>Kept: its name is not one the agent job's executions register (another job, a person's agent).</summary>
    NotThisJob,

    /// <summary>Kept: it holds a job (<c>assignedRequest</c>); removing it would fail or lose the job.</summary>
    HoldsJob,

    /// <summary>Kept: it is online, or its status is not known to be offline.</summary>
    NotOffline,

    /// <summary>Kept: the service gave no registration time, so its age is unknown.</summary>
    AgeUnknown,

    /// <summary>Kept: registered within the grace period; its execution may still be starting.</summary>
    WithinGracePeriod,

    /// <summary>
    /// Kept: dead, but the newest agent left while the placeholder is missing. A pool with no agent at all makes Azure
    /// DevOps fail every queued job at once; an offline agent still lets jobs queue.
    /// </summary>
    KeepsPoolOpen,

    /// <summary>Kept: the service refused to remove it (it took a job meanwhile, or the identity may not).</summary>
    RemovalRefused,

    /// <summary>Kept: the run was stopped (SIGTERM) before it got to this one; the next run will.</summary>
    Interrupted,
}
