namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// What <c>GET {org}/_apis/connectionData</c> answers: who the caller is and where the organisation's services live.
/// Every <c>VssConnection.ConnectAsync</c> of the agent starts with it (azure-pipelines-agent
/// src/Microsoft.VisualStudio.Services.Agent/AgentServer.cs:231, Util/ServerUtil.cs:91-95 reads
/// <c>deploymentType</c>). Only the fields clients read are modelled.
/// </summary>
public sealed record ConnectionData
{
    /// <summary>The identity the credentials authenticated.</summary>
    public required ConnectionIdentity AuthenticatedUser { get; init; }

    /// <summary>The identity requests run as (the same, unless impersonating).</summary>
    public required ConnectionIdentity AuthorizedUser { get; init; }

    /// <summary>The organisation's host id.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>The deployment the organisation runs on.</summary>
    public required Guid DeploymentId { get; init; }

    /// <summary><c>hosted</c> for Azure DevOps Services, <c>onPremises</c> for Server.</summary>
    public required string DeploymentType { get; init; }

    /// <summary>Where the location service says this organisation is reachable.</summary>
    public required LocationServiceData LocationServiceData { get; init; }
}

/// <summary>An identity as <c>connectionData</c> describes it.</summary>
/// <param name="Id">The identity's id.</param>
/// <param name="Descriptor">The identity descriptor, <c>{type};{identifier}</c>.</param>
/// <param name="ProviderDisplayName">The display name.</param>
/// <param name="IsActive">Whether the identity is active.</param>
public sealed record ConnectionIdentity(Guid Id, string Descriptor, string ProviderDisplayName, bool IsActive = true);

/// <summary>The location service's part of <c>connectionData</c>.</summary>
/// <param name="ServiceOwner">The service that owns the locations (Azure DevOps' own id).</param>
/// <param name="DefaultAccessMappingMoniker">The access mapping clients use, <c>PublicAccessMapping</c>.</param>
/// <param name="LastChangeId">Changes when locations change; clients cache by it.</param>
/// <param name="LastChangeId64">The same as a 64-bit number.</param>
/// <param name="AccessMappings">The organisation's public addresses.</param>
public sealed record LocationServiceData(
    Guid ServiceOwner,
    string DefaultAccessMappingMoniker,
    int LastChangeId,
    long LastChangeId64,
    IReadOnlyList<AccessMapping> AccessMappings);

/// <summary>One address the organisation is reachable at.</summary>
/// <param name="DisplayName">The mapping's name.</param>
/// <param name="Moniker">Its moniker, e.g. <c>PublicAccessMapping</c>.</param>
/// <param name="AccessPoint">The organisation URL.</param>
public sealed record AccessMapping(string DisplayName, string Moniker, string AccessPoint);
