using System.Globalization;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Configuration;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>Writes the answers the service gives outside a handler: errors, 401, the sign-in page, 429.</summary>
internal static class ServiceResponses
{
    /// <summary>Identifies this emulator process in <c>X-TFS-ProcessId</c>, as the service identifies its nodes.</summary>
    private static readonly string ProcessId = Guid.NewGuid().ToString();

    public static async Task WriteErrorAsync(HttpContext context, int status, AzureDevOpsError error)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["ActivityId"] = Guid.NewGuid().ToString();
        context.Response.Headers["X-TFS-ProcessId"] = ProcessId;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, error, WireContext.Instance.AzureDevOpsError, context.RequestAborted);
    }

    public static Task WriteUnauthorizedAsync(HttpContext context, EmulatorOptions options, string message)
    {
        var realm = $"{context.Request.Scheme}://{context.Request.Host}/";
        context.Response.Headers.WWWAuthenticate = new(
        [
            $"Bearer authorization_uri=https://login.microsoftonline.com/{options.TenantId}",
            $"Basic realm=\"{realm}\"",
            "TFS-Federated",
        ]);
        context.Response.Headers["X-TFS-FedAuthRealm"] = realm;
        context.Response.Headers["X-VSS-ResourceTenant"] = options.TenantId.ToString();
        return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, new AzureDevOpsError(
            message,
            "Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server",
            "UnauthorizedRequestException"));
    }

    public static async Task WriteSignInPageAsync(HttpContext context, EmulatorOptions options)
    {
        context.Response.StatusCode = StatusCodes.Status203NonAuthoritative;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(SignInPage.Html(options.Organization), context.RequestAborted);
    }

    public static void AddRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        response.Headers["X-RateLimit-Resource"] = "Core";
        response.Headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = decision.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (decision.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static Task WriteRateLimitedAsync(HttpContext context, long retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, new AzureDevOpsError(
            "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'Core' in namespace 'User'. " +
            "For more information on why your request was blocked, see the topic \"Rate limits\" on the Microsoft Web site (https://go.microsoft.com/fwlink/?LinkId=823950).",
            "Microsoft.TeamFoundation.Framework.Server.RequestBlockedException, Microsoft.TeamFoundation.Framework.Server",
            "RequestBlockedException"));
    }
}
