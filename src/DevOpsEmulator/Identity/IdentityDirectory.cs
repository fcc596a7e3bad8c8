using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>The managed identities of <c>Emulator:Identities</c>, looked up as the token endpoint and Azure DevOps need.</summary>
internal sealed class IdentityDirectory(IOptions<EmulatorOptions> options)
{
    private readonly IReadOnlyList<IdentityOptions> _identities = options.Value.Identities;

    /// <summary>The system-assigned identity, if one is configured.</summary>
    public IdentityOptions? SystemAssigned => _identities.FirstOrDefault(i => i.SystemAssigned);

    /// <summary>The identity with this client id.</summary>
    public IdentityOptions? ByClientId(Guid clientId) => _identities.FirstOrDefault(i => i.ClientId == clientId);

    /// <summary>The identity with this principal (object) id.</summary>
    public IdentityOptions? ByPrincipalId(Guid principalId) => _identities.FirstOrDefault(i => i.PrincipalId == principalId);

    /// <summary>The user-assigned identity with this ARM resource id.</summary>
    public IdentityOptions? ByResourceId(string resourceId) =>
        _identities.FirstOrDefault(i => string.Equals(i.ResourceId?.TrimEnd('/'), resourceId.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
