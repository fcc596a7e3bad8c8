namespace AspireAgents.AzureDevOps.Wire;

/// <summary>An agent pool (<c>TaskAgentPool</c>) as <c>_apis/distributedtask/pools</c> returns it.</summary>
public sealed record TaskAgentPool
{
    /// <summary>The pool id, used in every pool-scoped route. Read from a number or a string of digits; otherwise 0, which no pool look-up matches.</summary>
    public required int Id { get; init; }

    /// <summary>The pool name, unique in the organisation; <see langword="null"/> when the service left it out.</summary>
    public required string Name { get; init; }

    /// <summary>True for Microsoft-hosted pools.</summary>
    public bool IsHosted { get; init; }

    /// <summary>True for pools created before pool/queue separation.</summary>
    public bool IsLegacy { get; init; }

    /// <summary><c>automation</c> for build/release pools, <c>deployment</c> for deployment groups.</summary>
    public string PoolType { get; set; } = "automation";

    /// <summary>The scope (collection) the pool belongs to.</summary>
    public Guid Scope { get; init; }

    /// <summary>Number of agents registered in the pool.</summary>
    public int Size { get; init; }

    /// <summary>Pool options: <c>none</c>, <c>elasticPool</c>, <c>singleUseAgents</c>, <c>preserveAgentOnJobFailure</c>.</summary>
    public string Options { get; set; } = "none";

    /// <summary>Whether new projects get a queue for the pool automatically.</summary>
    public bool AutoProvision { get; init; }

    /// <summary>Whether agents in the pool update themselves.</summary>
    public bool AutoUpdate { get; set; } = true;

    /// <summary>When the pool was created.</summary>
    public DateTimeOffset CreatedOn { get; init; }

    /// <summary>Who created the pool.</summary>
    public IdentityRef? CreatedBy { get; init; }

    /// <summary>The pool owner.</summary>
    public IdentityRef? Owner { get; init; }
}
