using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>An agent pool in the organisation's memory.</summary>
internal sealed class PoolRecord(int id, string name, DateTimeOffset createdOn)
{
    public int Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset CreatedOn { get; } = createdOn;

    public List<AgentRecord> Agents { get; } = [];

    public TaskAgentPool ToWire(Guid scope, IdentityRef owner) => new()
    {
        Id = Id,
        Name = Name,
        Scope = scope,
        Size = Agents.Count,
        CreatedOn = CreatedOn,
        CreatedBy = owner,
        Owner = owner,
        AutoProvision = true,
    };
}
