namespace AspireAgents.Scaler.Metadata;

/// <summary>The trigger metadata keys, named as KEDA's <c>azure-pipelines</c> scaler names them.</summary>
public static class MetadataKeys
{
    /// <summary>The organisation URL, e.g. <c>https://dev.azure.com/contoso</c> (no trailing <c>/</c>).</summary>
    public const string OrganizationUrl = "organizationURL";

    /// <summary>KEDA resolves the named container variable and passes its value under this key.</summary>
    public const string OrganizationUrlFromEnv = "organizationURLFromEnv";

    /// <summary>A PAT resolved from a container variable; accepted, never logged.</summary>
    public const string PersonalAccessTokenFromEnv = "personalAccessTokenFromEnv";

    /// <summary>The agent pool's name; wins over <see cref="PoolId"/>.</summary>
    public const string PoolName = "poolName";

    /// <summary>The agent pool's id.</summary>
    public const string PoolId = "poolID";

    /// <summary>Queued jobs per agent: the metric target. Default 1.</summary>
    public const string TargetPipelinesQueueLength = "targetPipelinesQueueLength";

    /// <summary>Active when the queue length exceeds this. Default 0.</summary>
    public const string ActivationTargetPipelinesQueueLength = "activationTargetPipelinesQueueLength";

    /// <summary>A template agent: only jobs whose <c>matchedAgents</c> include it count.</summary>
    public const string Parent = "parent";

    /// <summary>Comma-separated capabilities of the agents this trigger starts.</summary>
    public const string Demands = "demands";

    /// <summary>Job demands and trigger demands must be the same set.</summary>
    public const string RequireAllDemands = "requireAllDemands";

    /// <summary>Every trigger demand must be among the job's; extra job demands are allowed.</summary>
    public const string RequireAllDemandsAndIgnoreOthers = "requireAllDemandsAndIgnoreOthers";

    /// <summary>Compare demands ignoring case.</summary>
    public const string CaseInsensitiveDemandsProcessing = "caseInsensitiveDemandsProcessing";

    /// <summary>Sent as <c>$top</c>. Default 250.</summary>
    public const string JobsToFetch = "jobsToFetch";

    /// <summary>Sends <c>completedRequestCount=0</c> instead of <c>$top</c>.</summary>
    public const string FetchUnfinishedJobsOnly = "fetchUnfinishedJobsOnly";

    /// <summary>Count jobs an agent already received but has not finished. Default true (KEDA 2.21).</summary>
    public const string ScaleOnInFlight = "scaleOnInFlight";

    /// <summary>
    /// Idle agents kept online on top of the queue: a whole number, or <c>auto</c> to learn the count per hour of the
    /// week from the pool's finished jobs. This project's own key: KEDA's built-in rule does not know it.
    /// </summary>
    public const string StandbyAgents = "standbyAgents";

    /// <summary>
    /// Standby agents by time window, e.g. <c>Mon-Fri 07:00-19:00 Europe/Berlin=3; Sat 09:00-12:00 UTC=1</c>
    /// (<see cref="AspireAgents.Scaling.Standby.StandbySchedule"/>). This project's own key.
    /// </summary>
    public const string StandbySchedule = "standbySchedule";
}
