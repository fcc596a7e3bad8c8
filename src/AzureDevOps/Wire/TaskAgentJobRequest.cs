namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// One job in a pool's queue (<c>TaskAgentJobRequest</c>), as the undocumented
/// <c>pools/{poolId}/jobrequests</c> list returns it and as an agent PATCHes it to renew its lock or finish.
/// </summary>
public sealed record TaskAgentJobRequest
{
    /// <summary>The request id, unique in the organisation. Read from a number or a string of digits; missing or unreadable, 0.</summary>
    public required long RequestId { get; init; }

    /// <summary>When the job was queued; <c>null</c> or an unreadable time reads as absent.</summary>
    public DateTimeOffset? QueueTime { get; init; }

    /// <summary>When the service reserved an agent for the job.</summary>
    public DateTimeOffset? AssignTime { get; init; }

    /// <summary>
    /// When the reserved agent received the job message: from then on an agent holds it. <c>null</c>, an unreadable time
    /// and <c>0001-01-01T00:00:00</c> all mean not received, so such a job counts as waiting (the scaler errs towards
    /// one agent too many, never a job left without one).
    /// </summary>
    public DateTimeOffset? ReceiveTime { get; init; }

    /// <summary>When the job finished.</summary>
    public DateTimeOffset? FinishTime { get; init; }

    /// <summary>
    /// How the job ended; <see langword="null"/> while it has not finished (the field absent or <c>null</c>). Any other
    /// value means finished, as KEDA reads it: a name or number this client does not know, an empty string or a value of
    /// another kind is <see cref="TaskResult.Unknown"/>, never absent and never an unreadable answer.
    /// </summary>
    public TaskResult? Result { get; init; }

    /// <summary>Until when the agent's lock on the job holds; the agent renews it while the job runs.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>
    /// The demands, as strings: <c>name</c>, <c>name -equals value</c>, <c>Agent.Version -gtVersion x</c>. Absent or
    /// <c>null</c>: no demands. A <c>null</c> element reads as <c>""</c> (as KEDA's decoder leaves it), an element of
    /// another kind as its text, a lone string as a list of one, any other value as one element holding its JSON: a
    /// demand no trigger demand equals, so the job is never counted for agents that may not satisfy it.
    /// </summary>
    public IReadOnlyList<string>? Demands { get; init; }

    /// <summary>
    /// Every agent of the pool, online or offline, whose capabilities satisfy the demands. Absent with <c>$top</c>, and
    /// when it is not an array; <c>null</c> and unreadable elements are left out; an agent without a name has
    /// <see langword="null"/> <see cref="TaskAgentReference.Name"/> and matches no parent.
    /// </summary>
    public IReadOnlyList<TaskAgentReference>? MatchedAgents { get; init; }

    /// <summary>Whether every agent of the pool satisfies the demands.</summary>
    public bool? MatchesAllAgentsInPool { get; init; }

    /// <summary>The agent the job was assigned to.</summary>
    public TaskAgentReference? ReservedAgent { get; init; }

    /// <summary>The pipeline definition that queued the job. A value that is not an object leaves the whole job unreadable: it is left out of the list.</summary>
    public TaskOrchestrationOwner? Definition { get; init; }

    /// <summary>The run that queued the job (the runner tags its id). A value that is not an object leaves the job unreadable, as <see cref="Definition"/>.</summary>
    public TaskOrchestrationOwner? Owner { get; init; }

    /// <summary>The orchestration plan type, <c>build</c> for pipelines.</summary>
    public string? PlanType { get; init; }

    /// <summary>The orchestration plan the job belongs to.</summary>
    public Guid? PlanId { get; init; }

    /// <summary>The job's id within its plan.</summary>
    public Guid? JobId { get; init; }

    /// <summary>The job's name within its plan.</summary>
    public string? JobName { get; init; }

    /// <summary>The orchestration id: plan id, stage, phase and job.</summary>
    public string? OrchestrationId { get; init; }

    /// <summary>The project the job runs for.</summary>
    public Guid? ScopeId { get; init; }

    /// <summary>The service that owns the plan (Azure Pipelines).</summary>
    public Guid? HostId { get; init; }

    /// <summary>The service that owns the plan (Azure Pipelines).</summary>
    public Guid? ServiceOwner { get; init; }

    /// <summary>The pool the job is queued in.</summary>
    public int? PoolId { get; init; }

    /// <summary>The project queue the job came through.</summary>
    public int? QueueId { get; init; }

    /// <summary>Relative priority among queued jobs.</summary>
    public int? Priority { get; init; }

    /// <summary>Extra data such as <c>ParallelismTag</c> and <c>IsScheduledKey</c>.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Why the job waits or failed, e.g. the no-matching-agent message.</summary>
    public string? StatusMessage { get; init; }
}
