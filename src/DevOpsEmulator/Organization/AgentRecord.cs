using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A registered agent in the organisation's memory.</summary>
internal sealed class AgentRecord(int id, PoolRecord pool)
{
    public int Id { get; } = id;

    public PoolRecord Pool { get; } = pool;

    public required string Name { get; set; }

    public string? Version { get; set; }

    public string? OsDescription { get; set; }

    public bool Enabled { get; set; } = true;

    public string ProvisioningState { get; set; } = "Provisioned";

    public int MaxParallelism { get; set; } = 1;

    public Dictionary<string, string> SystemCapabilities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> UserCapabilities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TaskAgentAuthorization? Authorization { get; set; }

    public DateTimeOffset CreatedOn { get; init; }

    public DateTimeOffset StatusChangedOn { get; set; }

    /// <summary>The open listener session; the agent is online while it has one.</summary>
    public SessionRecord? Session { get; set; }

    /// <summary>The unfinished job reserved for this agent.</summary>
    public JobRecord? AssignedJob { get; set; }

    public bool IsOnline => Session is not null;

    /// <summary>System capabilities overlaid with user capabilities, as demands see them.</summary>
    public IReadOnlyDictionary<string, string> Capabilities
    {
        get
        {
            var all = new Dictionary<string, string>(SystemCapabilities, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in UserCapabilities)
            {
                all[name] = value;
            }

            return all;
        }
    }

    public TaskAgentReference ToReference() => new()
    {
        Id = Id,
        Name = Name,
        Version = Version,
        Enabled = Enabled,
        Status = IsOnline ? TaskAgentStatus.Online : TaskAgentStatus.Offline,
        OsDescription = OsDescription,
        ProvisioningState = ProvisioningState,
    };

    public TaskAgent ToWire(bool includeCapabilities, TaskAgentJobRequest? assignedRequest) => new()
    {
        Id = Id,
        Name = Name,
        Version = Version,
        Enabled = Enabled,
        Status = IsOnline ? TaskAgentStatus.Online : TaskAgentStatus.Offline,
        OsDescription = OsDescription,
        ProvisioningState = ProvisioningState,
        MaxParallelism = MaxParallelism,
        CreatedOn = CreatedOn,
        StatusChangedOn = StatusChangedOn,
        Authorization = Authorization,
        SystemCapabilities = includeCapabilities ? new Dictionary<string, string>(SystemCapabilities) : null,
        UserCapabilities = includeCapabilities ? new Dictionary<string, string>(UserCapabilities) : null,
        AssignedRequest = assignedRequest,
    };
}
