namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>A managed identity the identity endpoint issues tokens for.</summary>
public sealed class IdentityOptions
{
    /// <summary>A display name, used in messages.</summary>
    public string Name { get; set; } = "";

    /// <summary>True for the system-assigned identity (used when a request names no identity).</summary>
    public bool SystemAssigned { get; set; }

    /// <summary>The application (client) id.</summary>
    public Guid ClientId { get; set; }

    /// <summary>The principal (object) id.</summary>
    public Guid PrincipalId { get; set; }

    /// <summary>The ARM resource id of a user-assigned identity (<c>mi_res_id</c>).</summary>
    public string? ResourceId { get; set; }

    /// <summary>Whether the identity was added to the organisation; if not, Azure DevOps refuses its tokens.</summary>
    public bool MemberOfOrganization { get; set; } = true;
}
