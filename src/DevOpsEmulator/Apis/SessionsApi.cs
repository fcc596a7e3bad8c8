using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>The listener protocol: sessions and the message long poll (see <c>docs/agent-protocol.md</c>).</summary>
internal static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder organization)
    {
        var pool = organization.MapGroup("/_apis/distributedtask/pools/{poolId:int}");
        pool.MapPost("/sessions", CreateSession).WithName("CreateAgentSession");
        pool.MapDelete("/sessions/{sessionId:guid}", DeleteSession).WithName("DeleteAgentSession");
        pool.MapGet("/messages", GetMessage).WithName("GetAgentMessage");
        pool.MapDelete("/messages/{messageId:long}", DeleteMessage).WithName("DeleteAgentMessage");
        return organization;
    }

    internal static async Task<JsonHttpResult<TaskAgentSession>> CreateSession(int poolId, HttpRequest request, OrganizationState state)
    {
        var session = await WireJson.ReadAsync(request, WireContext.Instance.TaskAgentSession, "session");
        if (Caller.Of(request.HttpContext)?.Agent is { } agent
            && (session.Agent.Id != 0 ? session.Agent.Id != agent.AgentId : !session.Agent.Name.Equals(agent.AgentName, StringComparison.OrdinalIgnoreCase)))
        {
            throw ServiceErrors.AccessDenied($"Agent {agent.AgentName} cannot open a session for another agent ({session.Agent.Name}).");
        }

        return WireJson.Json(state.CreateSession(poolId, session), WireContext.Instance.TaskAgentSession);
    }

    internal static NoContent DeleteSession(int poolId, Guid sessionId, OrganizationState state)
    {
        state.DeleteSession(poolId, sessionId);
        return TypedResults.NoContent();
    }

    /// <summary><c>?sessionId=…&amp;lastMessageId=…</c>: 200 with a message as soon as one is ready, 204 when the wait ends.</summary>
    internal static async Task<Results<JsonHttpResult<TaskAgentMessage>, NoContent>> GetMessage(
        int poolId, HttpRequest request, OrganizationState state)
    {
        var sessionId = RequireSessionId(request);
        var lastMessageId = request.Query["lastMessageId"].ToString() is { Length: > 0 } text
            ? long.TryParse(text, out var id) ? id : throw ServiceErrors.InvalidArgument("lastMessageId", $"'{text}' is not a message id.")
            : (long?)null;
        var message = await state.GetMessageAsync(poolId, sessionId, lastMessageId, request.HttpContext.RequestAborted);
        return message is null
            ? TypedResults.NoContent()
            : WireJson.Json(message, WireContext.Instance.TaskAgentMessage);
    }

    internal static NoContent DeleteMessage(int poolId, long messageId, HttpRequest request, OrganizationState state)
    {
        state.DeleteMessage(poolId, RequireSessionId(request), messageId);
        return TypedResults.NoContent();
    }

    private static Guid RequireSessionId(HttpRequest request)
    {
        var text = request.Query["sessionId"].ToString();
        return Guid.TryParse(text, out var sessionId)
            ? sessionId
            : throw ServiceErrors.InvalidArgument("sessionId", text.Length == 0 ? "The sessionId query parameter is required." : $"'{text}' is not a session id.");
    }
}
