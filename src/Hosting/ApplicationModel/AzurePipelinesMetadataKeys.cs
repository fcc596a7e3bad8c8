namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The trigger metadata keys of KEDA's <c>azure-pipelines</c> scaler, which this application's Scaler accepts too.
/// </summary>
/// <remarks>
/// The Scaler is a process of its own and keeps its copy (<c>src/Scaler/Metadata/MetadataKeys.cs</c>); a test keeps
/// the two sets equal. Names follow https://keda.sh/docs/latest/scalers/azure-pipelines/.
/// </remarks>
public static class AzurePipelinesMetadataKeys
{
    /// <summary>The organisation URL; an auth parameter for KEDA's built-in scaler.</summary>
    public const string OrganizationUrl = "organizationURL";

    /// <summary>Names a container variable that holds the organisation URL.</summary>
    public const string OrganizationUrlFromEnv = "organizationURLFromEnv";

    /// <summary>Names a container variable that holds a personal access token.</summary>
    public const string PersonalAccessTokenFromEnv = "personalAccessTokenFromEnv";

    /// <summary>The agent pool's name; wins over <see cref="PoolId"/>.</summary>
    public const string PoolName = "poolName";

    /// <summary>The agent pool's id.</summary>
    public const string PoolId = "poolID";

    /// <summary>Queued jobs per execution: the metric target.</summary>
    public const string TargetPipelinesQueueLength = "targetPipelinesQueueLength";

    /// <summary>The queue length above which the rule is active.</summary>
    public const string ActivationTargetPipelinesQueueLength = "activationTargetPipelinesQueueLength";

    /// <summary>A template agent: only jobs it matches count.</summary>
    public const string Parent = "parent";

    /// <summary>Comma-separated capabilities of the agents the rule starts.</summary>
    public const string Demands = "demands";

    /// <summary>Job demands and the rule's demands must be the same set.</summary>
    public const string RequireAllDemands = "requireAllDemands";

    /// <summary>Every demand of the rule must be among the job's.</summary>
    public const string RequireAllDemandsAndIgnoreOthers = "requireAllDemandsAndIgnoreOthers";

    /// <summary>Compare demands ignoring case.</summary>
    public const string CaseInsensitiveDemandsProcessing = "caseInsensitiveDemandsProcessing";

    /// <summary>Job requests read per poll (<c>$top</c>).</summary>
    public const string JobsToFetch = "jobsToFetch";

    /// <summary>Read only unfinished job requests.</summary>
    public const string FetchUnfinishedJobsOnly = "fetchUnfinishedJobsOnly";

    /// <summary>Also count jobs an agent is running (KEDA 2.21).</summary>
    public const string ScaleOnInFlight = "scaleOnInFlight";

    /// <summary>
    /// Idle agents kept online on top of the queue: a count, or <c>auto</c>. This application's Scaler only: KEDA's
    /// built-in rule does not know it, so a job with standby must scale with the external Scaler in Azure.
    /// </summary>
    public const string StandbyAgents = "standbyAgents";

    /// <summary>Standby agents by time window, e.g. <c>Mon-Fri 07:00-19:00 Europe/Berlin=3</c>. This application's Scaler only.</summary>
    public const string StandbySchedule = "standbySchedule";
}
