using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>Pools and their agents: <c>_apis/distributedtask/pools[/{poolId}/agents[/{agentId}]]</c>.</summary>
internal static class PoolsApi
{
    public static RouteGroupBuilder MapPoolsApi(this RouteGroupBuilder organization)
    {
        var pools = organization.MapGroup("/_apis/distributedtask/pools");
        pools.MapGet("", GetPools).WithName("GetAgentPools");
        pools.MapGet("/{poolId:int}", GetPool).WithName("GetAgentPool");
        pools.MapGet("/{poolId:int}/agents", GetAgents).WithName("GetAgents");
        pools.MapGet("/{poolId:int}/agents/{agentId:int}", GetAgent).WithName("GetAgent");
        pools.MapPost("/{poolId:int}/agents", AddAgent).WithName("AddAgent");
        pools.MapPut("/{poolId:int}/agents/{agentId:int}", ReplaceAgent).WithName("ReplaceAgent");
        pools.MapDelete("/{poolId:int}/agents/{agentId:int}", DeleteAgent).WithName("DeleteAgent");
        return organization;
    }

    /// <summary><c>?poolName=</c> (exact name), <c>?poolID=</c> or <c>?poolIds=</c> (comma-separated ids).</summary>
    internal static JsonHttpResult<ListResponse<TaskAgentPool>> GetPools(HttpRequest request, OrganizationState state)
    {
        var poolName = request.Query["poolName"].ToString();
        var ids = $"{request.Query["poolID"]},{request.Query["poolIds"]}"
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => int.TryParse(id, out var value) ? value : throw ServiceErrors.InvalidArgument("poolIds", $"'{id}' is not a pool id."))
            .ToList();
        var pools = state.GetPools(poolName.Length > 0 ? poolName : null, ids.Count > 0 ? ids : null);
        return WireJson.Json(ListResponse<TaskAgentPool>.Of(pools), WireContext.Instance.ListResponseTaskAgentPool);
    }

    internal static JsonHttpResult<TaskAgentPool> GetPool(int poolId, OrganizationState state) =>
        WireJson.Json(state.GetPool(poolId), WireContext.Instance.TaskAgentPool);

    /// <summary><c>?agentName=</c>, <c>?includeCapabilities=</c>, <c>?includeAssignedRequest=</c>.</summary>
    internal static JsonHttpResult<ListResponse<TaskAgent>> GetAgents(int poolId, HttpRequest request, OrganizationState state)
    {
        var agentName = request.Query["agentName"].ToString();
        var agents = state.GetAgents(
            poolId,
            agentName.Length > 0 ? agentName : null,
            WireJson.QueryBool(request, "includeCapabilities"),
            WireJson.QueryBool(request, "includeAssignedRequest"));
        return WireJson.Json(ListResponse<TaskAgent>.Of(agents), WireContext.Instance.ListResponseTaskAgent);
    }

    internal static JsonHttpResult<TaskAgent> GetAgent(int poolId, int agentId, HttpRequest request, OrganizationState state) =>
        WireJson.Json(
            state.GetAgent(poolId, agentId, WireJson.QueryBool(request, "includeCapabilities"), WireJson.QueryBool(request, "includeAssignedRequest")),
            WireContext.Instance.TaskAgent);

    internal static async Task<JsonHttpResult<TaskAgent>> AddAgent(int poolId, HttpRequest request, OrganizationState state)
    {
        var agent = await WireJson.ReadAgentAsync(request);
        return WireJson.Json(state.AddAgent(poolId, agent, AuthorizationUrl(request)), WireContext.Instance.TaskAgent);
    }

    internal static async Task<JsonHttpResult<TaskAgent>> ReplaceAgent(int poolId, int agentId, HttpRequest request, OrganizationState state)
    {
        var agent = await WireJson.ReadAgentAsync(request);
        return WireJson.Json(state.ReplaceAgent(poolId, agentId, agent, AuthorizationUrl(request)), WireContext.Instance.TaskAgent);
    }

    /// <summary>
    /// The agent's token endpoint, returned as <c>authorization.authorizationUrl</c>. The agent posts its assertions
    /// there and makes it their audience (azure-pipelines-agent src/Agent.Listener/Configuration/ConfigurationManager.cs:823-835).
    /// </summary>
    private static string AuthorizationUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{Identity.AgentOAuthApi.PathFor((string)request.RouteValues["org"]!)}";

    internal static NoContent DeleteAgent(int poolId, int agentId, OrganizationState state)
    {
        state.DeleteAgent(poolId, agentId);
        return TypedResults.NoContent();
    }
}
