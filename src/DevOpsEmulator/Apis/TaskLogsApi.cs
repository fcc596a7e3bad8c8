using System.Text;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// Where the agent uploads a job's output: <c>{org}/{scopeId}/_apis/distributedtask/hubs/{hub}/plans/{planId}/logs</c>
/// creates a log (<c>{"path": "logs\{recordId}"}</c>), <c>…/logs/{logId}</c> appends the lines posted as the body
/// (azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/JobServer.cs:31-35; the path,
/// JobServerQueue.cs:697).
/// </summary>
internal static class TaskLogsApi
{
    public static RouteGroupBuilder MapTaskLogsApi(this RouteGroupBuilder organization)
    {
        var logs = organization.MapGroup("/{project}/_apis/distributedtask/hubs/{hub}/plans/{planId:guid}/logs");
        logs.MapPost("", CreateLog).WithName("CreateTaskLog");
        logs.MapPost("/{logId:int}", AppendLog).WithName("AppendTaskLog");
        return organization;
    }

    internal static async Task<JsonHttpResult<TaskLog>> CreateLog(string project, string hub, Guid planId, HttpRequest request, OrganizationState state)
    {
        var log = await WireJson.ReadAsync(request, WireContext.Instance.TaskLog, "log");
        return WireJson.Json(state.CreateLog(project, hub, planId, log.Path), WireContext.Instance.TaskLog, StatusCodes.Status201Created);
    }

    internal static async Task<JsonHttpResult<TaskLog>> AppendLog(string project, string hub, Guid planId, int logId, HttpRequest request, OrganizationState state)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return WireJson.Json(state.AppendLog(project, hub, planId, logId, text), WireContext.Instance.TaskLog, StatusCodes.Status201Created);
    }
}
