using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>The pool's job queue, <c>_apis/distributedtask/pools/{poolId}/jobrequests</c>, read by the scaler and patched by agents.</summary>
internal static class JobRequestsApi
{
    public static RouteGroupBuilder MapJobRequestsApi(this RouteGroupBuilder organization)
    {
        var requests = organization.MapGroup("/_apis/distributedtask/pools/{poolId:int}/jobrequests");
        requests.MapGet("", GetJobRequests).WithName("GetJobRequests");
        requests.MapGet("/{requestId:long}", GetJobRequest).WithName("GetJobRequest");
        requests.MapPatch("/{requestId:long}", UpdateJobRequest).WithName("UpdateJobRequest");
        return organization;
    }

    /// <summary><c>?$top=</c>, <c>?completedRequestCount=</c>, <c>?agentId=</c>.</summary>
    internal static JsonHttpResult<ListResponse<TaskAgentJobRequest>> GetJobRequests(int poolId, HttpRequest request, OrganizationState state)
    {
        var filter = new JobRequestFilter(
            WireJson.QueryInt(request, "$top"),
            WireJson.QueryInt(request, "completedRequestCount"),
            WireJson.QueryInt(request, "agentId"));
        return WireJson.Json(ListResponse<TaskAgentJobRequest>.Of(state.GetJobRequests(poolId, filter)), WireContext.Instance.ListResponseTaskAgentJobRequest);
    }

    internal static JsonHttpResult<TaskAgentJobRequest> GetJobRequest(int poolId, long requestId, OrganizationState state) =>
        WireJson.Json(state.GetJobRequest(poolId, requestId), WireContext.Instance.TaskAgentJobRequest);

    /// <summary><c>?lockToken={sessionId}</c>: renew the lock, or finish with <c>result</c>.</summary>
    internal static async Task<JsonHttpResult<TaskAgentJobRequest>> UpdateJobRequest(int poolId, long requestId, HttpRequest request, OrganizationState state)
    {
        var update = await WireJson.ReadAsync(request, WireContext.Instance.TaskAgentJobRequest, "jobRequest");
        var lockToken = request.Query["lockToken"].ToString();
        return WireJson.Json(
            state.UpdateJobRequest(poolId, requestId, lockToken.Length > 0 ? lockToken : null, update),
            WireContext.Instance.TaskAgentJobRequest);
    }
}
