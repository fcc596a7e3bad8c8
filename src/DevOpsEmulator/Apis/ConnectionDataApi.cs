using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// <c>{org}/_apis/connectionData</c>: every client connection starts here (the agent's <c>VssConnection.ConnectAsync</c>,
/// azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/AgentServer.cs:220-232). Anonymous, it answers
/// 401 with the tenant in <c>WWW-Authenticate</c>, which is how the agent finds the tenant
/// (src/Agent.Listener/Configuration/CredentialProvider.cs:115-152, a HEAD).
/// </summary>
internal static class ConnectionDataApi
{
    /// <summary>The id of Azure DevOps' own service (the location data's <c>serviceOwner</c>).</summary>
    private static readonly Guid AzureDevOpsServiceOwner = new("00025394-6065-48ca-87d9-7f5672854ef7");

    private static readonly Guid DeploymentId = new("3b1a2c4d-0000-4000-8000-0000000000d1");

    public static RouteGroupBuilder MapConnectionDataApi(this RouteGroupBuilder organization)
    {
        // connectOptions and lastChangeId(64), which clients send, are accepted and ignored.
        organization.MapMethods("/_apis/connectionData", [HttpMethods.Get, HttpMethods.Head], GetConnectionData).WithName("GetConnectionData");
        return organization;
    }

    internal static JsonHttpResult<ConnectionData> GetConnectionData(HttpContext context, IOptions<EmulatorOptions> options)
    {
        var caller = Caller.Of(context)!;
        var user = new ConnectionIdentity(caller.Id, caller.Descriptor, caller.Name);
        var organizationUrl = $"{context.Request.Scheme}://{context.Request.Host}/{options.Value.Organization}/";
        return WireJson.Json(
            new ConnectionData
            {
                AuthenticatedUser = user,
                AuthorizedUser = user,
                InstanceId = options.Value.OrganizationId,
                DeploymentId = DeploymentId,
                DeploymentType = "hosted",
                LocationServiceData = new LocationServiceData(AzureDevOpsServiceOwner, "PublicAccessMapping", 1, 1,
                    [new AccessMapping("Public Access Mapping", "PublicAccessMapping", organizationUrl)]),
            },
            WireContext.Instance.ConnectionData);
    }
}
