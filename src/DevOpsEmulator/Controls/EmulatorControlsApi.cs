using System.Text.Json;
using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Faults;
using AspireAgents.DevOpsEmulator.Organization;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Controls;

/// <summary>The emulator's own controls under <c>/_emulator</c>: stats, fault injection, reset. No credentials needed.</summary>
internal static class EmulatorControlsApi
{
    public static IEndpointRouteBuilder MapEmulatorControlsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/_emulator");
        group.MapGet("/stats", GetStats).WithName("GetEmulatorStats");
        group.MapGet("/faults", ListFaults).WithName("ListFaults");
        group.MapPost("/faults", AddFault).WithName("AddFault");
        group.MapDelete("/faults", ClearFaults).WithName("ClearFaults");
        group.MapDelete("/faults/{faultId:int}", RemoveFault).WithName("RemoveFault");
        group.MapPost("/reset", Reset).WithName("ResetEmulator");
        return endpoints;
    }

    internal static JsonHttpResult<EmulatorStats> GetStats(OrganizationState state, RequestStats requests)
    {
        var (registered, online, onlineMax, jobs) = state.GetCounts();
        var stats = new EmulatorStats(
            requests.Snapshot(),
            new AgentStats(registered, online, onlineMax),
            new JobStats(jobs.Queued, jobs.Running, jobs.Succeeded, jobs.Failed, jobs.Canceled, jobs.Abandoned));
        return TypedResults.Json(stats, EmulatorJsonContext.Default.EmulatorStats);
    }

    internal static JsonHttpResult<IReadOnlyList<Fault>> ListFaults(FaultStore faults) =>
        TypedResults.Json(faults.List(), EmulatorJsonContext.Default.IReadOnlyListFault);

    internal static async Task<Results<Created<Fault>, BadRequest<string>>> AddFault(HttpRequest request, FaultStore faults)
    {
        FaultRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, EmulatorJsonContext.Default.FaultRequest, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return TypedResults.BadRequest($"The fault is not valid JSON: {ex.Message}");
        }

        if (body is null)
        {
            return TypedResults.BadRequest("Send a fault, e.g. {\"status\":503,\"pathPattern\":\"*/jobrequests\",\"count\":2}.");
        }

        var (fault, error) = faults.Add(body);
        return fault is null ? TypedResults.BadRequest(error!) : TypedResults.Created($"/_emulator/faults/{fault.Id}", fault);
    }

    internal static NoContent ClearFaults(FaultStore faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    internal static Results<NoContent, NotFound> RemoveFault(int faultId, FaultStore faults) =>
        faults.Remove(faultId) ? TypedResults.NoContent() : TypedResults.NotFound();

    internal static NoContent Reset(OrganizationState state, FaultStore faults, RateLimiter rateLimiter, RequestStats requests, ILogger<OrganizationState> logger)
    {
        state.Reset();
        faults.Clear();
        rateLimiter.Reset();
        requests.Reset();
        logger.StateReset();
        return TypedResults.NoContent();
    }
}
