namespace AspireAgents.Scaler.Counting;

/// <summary>How a job's demands are compared with the trigger's (after <c>Agent.Version</c> entries are removed from both).</summary>
public enum DemandMatching
{
    /// <summary>Default: every job demand must be among the trigger's demands (a job with no demands matches).</summary>
    JobDemandsWithinTrigger,

    /// <summary><c>requireAllDemands</c>: the job's and the trigger's demands must be the same set.</summary>
    SameDemands,

    /// <summary><c>requireAllDemandsAndIgnoreOthers</c>: every trigger demand must be among the job's; extra job demands are allowed.</summary>
    TriggerDemandsWithinJob,
}
