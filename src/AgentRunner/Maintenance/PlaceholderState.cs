namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>What a maintenance run found of the placeholder agent.</summary>
internal enum PlaceholderState
{
    /// <summary>Registered, offline, and advertising what the job's agents advertise (or nothing to compare it with).</summary>
    Healthy,

    /// <summary>Not in the pool: every job queued while the pool holds no agent fails at once.</summary>
    Missing,

    /// <summary>Registered without <c>Agent.OS</c> or <c>Agent.Version</c>, which most demands test.</summary>
    Incomplete,

    /// <summary>Lacks a capability the job's newest agent advertises, or runs another agent version or platform.</summary>
    Stale,

    /// <summary>Online without a job: something runs a listener under its name and could take jobs meant for executions.</summary>
    Online,

    /// <summary>Online and running a job: left alone this time, the job would be lost.</summary>
    Busy,
}
