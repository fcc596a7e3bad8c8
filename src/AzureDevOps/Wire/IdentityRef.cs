namespace AspireAgents.AzureDevOps.Wire;

/// <summary>A reference to a user, group or service principal (<c>IdentityRef</c>).</summary>
/// <param name="Id">The identity's id.</param>
/// <param name="DisplayName">The name shown in the portal.</param>
/// <param name="UniqueName">The sign-in name or principal name.</param>
public sealed record IdentityRef(Guid Id, string DisplayName, string? UniqueName = null);
