using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AspireAgents.Scaling.ContainerApps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireExecution = AspireAgents.Scaling.ContainerApps.JobExecution;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// The Container Apps executions API of the emulation's jobs, in ARM's path, JSON and errors:
/// <c>GET /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App/jobs/{job}/executions?api-version=2024-03-01</c>
/// (Azure/azure-rest-api-specs specification/app/resource-manager/Microsoft.App/stable/2024-03-01/Jobs.json,
/// <c>JobsExecutions_List</c>). A caller needs a bearer token from the emulator's managed-identity endpoint for ARM's
/// audience, of an identity granted read access to the job, as ARM asks an Entra token and a role assignment.
/// </summary>
internal static class JobExecutionsApi
{
    /// <summary>The route of the list.</summary>
    public const string Route = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.App/jobs/{jobName}/executions";

    /// <summary>The audiences ARM accepts (its resource URL with or without the slash, and the classic one).</summary>
    private static readonly string[] s_audiences = ["https://management.azure.com/", "https://management.azure.com", "https://management.core.windows.net/"];

    public static IEndpointRouteBuilder MapJobExecutionsApi(this IEndpointRouteBuilder endpoints, IJobExecutionsSource source, TokenIntrospector introspector, Func<Uri?> issuer, int pageSize)
    {
        endpoints.MapGet(Route, (HttpContext context, string subscriptionId, string resourceGroup, string jobName) =>
            ListAsync(context, subscriptionId, resourceGroup, jobName, source, introspector, issuer(), pageSize));
        return endpoints;
    }

    internal static async Task<IResult> ListAsync(
        HttpContext context, string subscriptionId, string resourceGroup, string jobName,
        IJobExecutionsSource source, TokenIntrospector introspector, Uri? issuer, int pageSize)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return Unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or is not a Bearer token.");
        }

        if (issuer is null)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The managed-identity endpoint that issues tokens is not running yet.");
        }

        var token = await introspector.IntrospectAsync(issuer, header["Bearer ".Length..].Trim(), context.RequestAborted).ConfigureAwait(false);
        if (!token.Active)
        {
            return Unauthorized("InvalidAuthenticationToken", $"The access token is invalid: {token.Reason}.");
        }

        if (!s_audiences.Contains(token.Aud, StringComparer.OrdinalIgnoreCase))
        {
            return Unauthorized("InvalidAuthenticationTokenAudience", $"The access token has an invalid audience '{token.Aud}': ask a token for {ContainerAppsApi.ManagementResource}.");
        }

        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        if (apiVersion != ContainerAppsApi.ApiVersion)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidApiVersionParameter",
                $"The api-version '{apiVersion}' is invalid. The supported versions are '{ContainerAppsApi.ApiVersion}'.");
        }

        if (!subscriptionId.Equals(LocalAzureScope.SubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status404NotFound, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");
        }

        if (!resourceGroup.Equals(LocalAzureScope.ResourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status404NotFound, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.");
        }

        var jobId = ContainerAppsApi.JobId(LocalAzureScope.SubscriptionId, LocalAzureScope.ResourceGroup, jobName);
        var job = source.Find(jobName);
        if (job is null)
        {
            return Error(StatusCodes.Status404NotFound, "ResourceNotFound", $"The Resource 'Microsoft.App/jobs/{jobName}' under resource group '{resourceGroup}' was not found.");
        }

        if (token.Oid is not { } principal || !job.Readers.Contains(principal))
        {
            return Error(StatusCodes.Status403Forbidden, "AuthorizationFailed",
                $"The client '{token.Appid}' with object id '{token.Oid}' does not have authorization to perform action 'Microsoft.App/jobs/executions/read' over scope '{jobId}'.");
        }

        return TypedResults.Json(Page(context.Request, job.Executions, pageSize), ContainerAppsJsonContext.Default.JobExecutionList);
    }

    /// <summary>
    /// One page after <c>$skiptoken</c>. The token names the last execution served (its start time and name), not a
    /// position, so that executions dropped from the history between two pages move nothing.
    /// </summary>
    private static JobExecutionList Page(HttpRequest request, IReadOnlyList<WireExecution> executions, int pageSize)
    {
        var after = Decode(request.Query["$skiptoken"].ToString());
        var remaining = after is null ? executions : [.. executions.SkipWhile(e => string.CompareOrdinal(Key(e), after) <= 0)];
        var page = remaining.Take(pageSize).ToList();
        string? next = null;
        if (remaining.Count > pageSize)
        {
            var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
            next = $"{url}?api-version={ContainerAppsApi.ApiVersion}&$skiptoken={Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Key(page[^1])))}";
        }

        return new JobExecutionList(page, next);
    }

    // Sortable as the list is: ISO 8601 UTC start time, then the name.
    private static string Key(WireExecution execution) => $"{execution.Properties?.StartTime}|{execution.Name}";

    private static string? Decode(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult Unauthorized(string code, string message)
    {
        var result = Error(StatusCodes.Status401Unauthorized, code, message);
        return new WithHeader(result, "WWW-Authenticate", $"Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"{code}\"");
    }

    private static IResult Error(int status, string code, string message) =>
        TypedResults.Json(new ArmErrorResponse(new ArmError(code, message)), ContainerAppsJsonContext.Default.ArmErrorResponse, statusCode: status);

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
