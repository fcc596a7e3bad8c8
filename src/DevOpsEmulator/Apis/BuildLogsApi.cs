using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// A run's logs as the build API serves them (a pipeline run is a build; its id is the build id):
/// <c>GET {org}/{project}/_apis/build/builds/{buildId}/logs</c> lists them
/// (https://learn.microsoft.com/rest/api/azure/devops/build/builds/get-build-logs?view=azure-devops-rest-7.1) and
/// <c>…/logs/{logId}</c> serves one as text, optionally from <c>startLine</c> to <c>endLine</c>
/// (https://learn.microsoft.com/rest/api/azure/devops/build/builds/get-build-log?view=azure-devops-rest-7.1).
/// </summary>
internal static class BuildLogsApi
{
    public static RouteGroupBuilder MapBuildLogsApi(this RouteGroupBuilder organization)
    {
        var logs = organization.MapGroup("/{project}/_apis/build/builds/{buildId:int}/logs");
        logs.MapGet("", GetBuildLogs).WithName("GetBuildLogs");
        logs.MapGet("/{logId:int}", GetBuildLog).WithName("GetBuildLog");
        return organization;
    }

    internal static JsonHttpResult<ListResponse<BuildLog>> GetBuildLogs(string project, int buildId, HttpRequest request, OrganizationState state)
    {
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value!.TrimEnd('/')}";
        var logs = state.GetBuildLogs(project, buildId)
            .Select(l => new BuildLog(l.Id, "Container", $"{url}/{l.Id}", l.LineCount, l.CreatedOn, l.LastChangedOn))
            .ToList();
        return WireJson.Json(ListResponse<BuildLog>.Of(logs), WireContext.Instance.ListResponseBuildLog);
    }

    internal static ContentHttpResult GetBuildLog(string project, int buildId, int logId, HttpRequest request, OrganizationState state)
    {
        var lines = state.GetBuildLogLines(project, buildId, logId, WireJson.QueryInt(request, "startLine"), WireJson.QueryInt(request, "endLine"));
        return TypedResults.Text(string.Concat(lines.Select(l => l + "\r\n")), "text/plain", System.Text.Encoding.UTF8);
    }
}
