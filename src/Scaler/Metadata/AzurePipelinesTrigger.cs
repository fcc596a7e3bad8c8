using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.Scaler.Counting;
using AspireAgents.Scaling.Standby;

namespace AspireAgents.Scaler.Metadata;

/// <summary>
/// A trigger's metadata parsed once into typed settings, with KEDA's <c>azure-pipelines</c> names and defaults.
/// Holds no secret in readable form: a PAT from the metadata lives only inside <see cref="Authentication"/>.
/// </summary>
public sealed class AzurePipelinesTrigger
{
    /// <summary>The organisation URL (no trailing <c>/</c>).</summary>
    public required Uri OrganizationUrl { get; init; }

    /// <summary>The organisation name: the text after the URL's last <c>/</c>.</summary>
    public required string OrganizationName { get; init; }

    /// <summary>The pool's name, when the trigger names it (then <see cref="PoolId"/> is ignored).</summary>
    public string? PoolName { get; init; }

    /// <summary>The pool's id from <c>poolID</c>; 0 when the trigger names the pool.</summary>
    public int PoolId { get; init; }

    /// <summary>The metric target (<c>targetPipelinesQueueLength</c>). Default 1.</summary>
    public long TargetPipelinesQueueLength { get; init; } = 1;

    /// <summary>Active above this (<c>activationTargetPipelinesQueueLength</c>). Default 0.</summary>
    public long ActivationTargetPipelinesQueueLength { get; init; }

    /// <summary><c>$top</c> (<c>jobsToFetch</c>). Default 250.</summary>
    public long JobsToFetch { get; init; } = 250;

    /// <summary>Whether to ask only for unfinished jobs (<c>fetchUnfinishedJobsOnly</c>).</summary>
    public bool FetchUnfinishedJobsOnly { get; init; }

    /// <summary>Which listed jobs count.</summary>
    public required CountingRules Rules { get; init; }

    /// <summary>Idle agents to keep online on top of the queue (<c>standbyAgents</c>, <c>standbySchedule</c>).</summary>
    public StandbySettings Standby { get; init; } = StandbySettings.None;

    /// <summary>The PAT from <c>personalAccessTokenFromEnv</c>, or <see langword="null"/> to use the scaler's own identity.</summary>
    public AzureDevOpsAuthentication? Authentication { get; init; }

    /// <summary>Identifies the credential without revealing it: <c>scaler-identity</c> or <c>pat:</c> and a hash prefix.</summary>
    public string CredentialKey { get; init; } = "scaler-identity";

    /// <summary>
    /// The job-request query, as KEDA builds it: <c>completedRequestCount=0</c> with <c>fetchUnfinishedJobsOnly</c>;
    /// no query with <c>parent</c> (<c>$top</c> drops <c>matchedAgents</c>); else <c>$top=jobsToFetch</c>.
    /// </summary>
    public JobRequestQuery Query =>
        FetchUnfinishedJobsOnly ? new JobRequestQuery(UnfinishedOnly: true)
        : Rules.Parent is not null ? JobRequestQuery.All
        : new JobRequestQuery(Top: JobsToFetch);

    /// <summary>The pool as the user named it, for messages.</summary>
    public string PoolDescription => PoolName is null ? $"with id {PoolId}" : $"named '{PoolName}'";

    /// <inheritdoc />
    public override string ToString() => $"{OrganizationUrl} pool {PoolDescription} query {Query} ({CredentialKey})";
}
