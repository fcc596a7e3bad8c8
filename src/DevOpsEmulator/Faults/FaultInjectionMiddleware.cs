using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Faults;

/// <summary>Applies injected faults to every path except the emulator's controls and health endpoints.</summary>
internal sealed class FaultInjectionMiddleware(
    RequestDelegate next,
    FaultStore faults,
    TimeProvider time,
    IOptions<EmulatorOptions> options,
    ILogger<FaultInjectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/_emulator") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive")
            || faults.Take(context.Request.Method, path.Value ?? "/") is not { } fault)
        {
            await next(context);
            return;
        }

        logger.FaultInjected(fault.Id, context.Request.Method, path.Value ?? "/");
        if (fault.DelayMilliseconds is > 0 and var delay)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), time, context.RequestAborted);
        }

        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        switch (fault.Status)
        {
            case null:
                await next(context);
                break;
            case StatusCodes.Status203NonAuthoritative:
                await ServiceResponses.WriteSignInPageAsync(context, options.Value);
                break;
            case StatusCodes.Status429TooManyRequests:
                await ServiceResponses.WriteRateLimitedAsync(context, fault.RetryAfterSeconds ?? 1);
                break;
            case { } status:
                await ServiceResponses.WriteErrorAsync(context, status, new AzureDevOpsError(
                    $"The service is unavailable (fault {fault.Id} injected through /_emulator/faults).",
                    "Microsoft.VisualStudio.Services.WebApi.VssServiceResponseException, Microsoft.VisualStudio.Services.WebApi",
                    "VssServiceResponseException"));
                break;
        }
    }
}
