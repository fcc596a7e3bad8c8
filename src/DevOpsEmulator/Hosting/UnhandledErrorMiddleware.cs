using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Telemetry;

namespace AspireAgents.DevOpsEmulator.Hosting;

/// <summary>Nothing crashes the emulator: an unexpected error becomes a 500 with the service's error body.</summary>
internal sealed class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away (e.g. a long poll it gave up on).
        }
        catch (BadHttpRequestException ex)
        {
            if (!context.Response.HasStarted)
            {
                await ServiceResponses.WriteErrorAsync(context, ex.StatusCode, new AzureDevOpsError(ex.Message, "System.ArgumentException, mscorlib", "ArgumentException"));
            }
        }
        catch (ServiceException ex)
        {
            if (!context.Response.HasStarted)
            {
                await ServiceResponses.WriteErrorAsync(context, ex.StatusCode, ex.ToError());
            }
        }
        catch (Exception ex)
        {
            logger.UnhandledError(ex, context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                await ServiceResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, new AzureDevOpsError(
                    $"TF400898: An Internal Error Occurred. {ex.Message}", ex.GetType().FullName, ex.GetType().Name));
            }
        }
    }
}
