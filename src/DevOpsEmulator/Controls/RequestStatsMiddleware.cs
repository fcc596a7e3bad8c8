using System.Text.RegularExpressions;

namespace AspireAgents.DevOpsEmulator.Controls;

/// <summary>
/// Counts each request under its route template (constraints left out: <c>/{org}/_apis/distributedtask/pools/{poolId}/agents</c>),
/// before any fault, auth or rate limit answers it.
/// </summary>
internal sealed partial class RequestStatsMiddleware(RequestDelegate next, RequestStats stats)
{
    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/_emulator"))
        {
            var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            var route = template is null ? "(unmatched)" : "/" + Constraint().Replace(template, "{$1}").Trim('/');
            stats.Count($"{context.Request.Method} {route}");
        }

        return next(context);
    }
}
