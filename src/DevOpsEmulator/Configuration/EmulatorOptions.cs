namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>Every setting of the emulator, bound from the <c>Emulator</c> configuration section.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Emulator";

    /// <summary>The organisation name: the first path segment of every Azure DevOps route.</summary>
    public string Organization { get; set; } = "local";

    /// <summary>The one project of the organisation.</summary>
    public string Project { get; set; } = "demo";

    /// <summary>The project's id (the job requests' <c>scopeId</c>).</summary>
    public Guid ProjectId { get; set; } = new("6f1d5c2e-3b0a-4e47-9d2a-0c7a8f0e5b11");

    /// <summary>The Entra tenant the tokens claim to come from.</summary>
    public Guid TenantId { get; set; } = new("72f988bf-0000-4000-8000-00000000aa01");

    /// <summary>Personal access tokens the organisation accepts as Basic passwords (any user name).</summary>
    public List<string> PersonalAccessTokens { get; set; } = [];

    /// <summary>The value the managed-identity endpoint expects in <c>X-IDENTITY-HEADER</c>.</summary>
    public string IdentityHeader { get; set; } = "local-identity-header";

    /// <summary>How long a token from the managed-identity endpoint is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an agent's access token from its client assertion is valid. The service's last about 50 minutes
    /// (microsoft/azure-pipelines-agent#1737); the agent asks again when one is refused.
    /// </summary>
    public TimeSpan AgentTokenLifetime { get; set; } = TimeSpan.FromMinutes(50);

    /// <summary>The organisation's id (<c>instanceId</c> of <c>connectionData</c>).</summary>
    public Guid OrganizationId { get; set; } = new("0c6b3a41-6f0e-4d5f-9a43-2b1f8d7e0a01");

    /// <summary>Resources (audiences) besides Azure DevOps that the managed-identity endpoint issues tokens for.</summary>
    public List<string> TokenResources { get; set; } = [];

    /// <summary>The most entries a list answer holds (the service caps job requests at about 200).</summary>
    public int MaxListCount { get; set; } = 200;

    /// <summary>How long the message long poll waits before it answers 204.</summary>
    public TimeSpan MessageWaitTimeout { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>
    /// How long a listener session lives without a long poll (none waiting, none begun since); then it is closed
    /// and its agent is offline. The service's own delay is not documented.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an agent's lock on a job holds without renewal; then the job is abandoned.</summary>
    public TimeSpan JobLockDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the background service looks for expired job locks.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-identity request budget; off by default.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The agent pools of the organisation.</summary>
    public List<PoolOptions> Pools { get; set; } = [];

    /// <summary>The pipelines of the project.</summary>
    public List<PipelineOptions> Pipelines { get; set; } = [];

    /// <summary>The managed identities the identity endpoint serves.</summary>
    public List<IdentityOptions> Identities { get; set; } = [];

    /// <summary>The agent package <c>packages/agent</c> offers.</summary>
    public AgentPackageOptions AgentPackage { get; set; } = new();
}
