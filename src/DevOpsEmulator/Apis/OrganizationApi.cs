using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// The organisation at <c>/{org}</c>: every Azure DevOps route hangs off this group, which needs credentials,
/// answers 404 for another organisation, and turns <see cref="ServiceException"/>s into the service's error body.
/// </summary>
internal static class OrganizationApi
{
    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/{org}")
            .WithMetadata(AzureDevOpsApiMetadata.Instance)
            .AddEndpointFilter(AnswerAsTheService)
            .MapPoolsApi()
            .MapSessionsApi()
            .MapJobRequestsApi()
            .MapPackagesApi()
            .MapPipelinesApi()
            .MapConnectionDataApi()
            .MapTaskLogsApi()
            .MapBuildLogsApi();
        return endpoints;
    }

    private static async ValueTask<object?> AnswerAsTheService(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var organization = http.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.Organization;
        var requested = http.Request.RouteValues["org"] as string;
        if (!string.Equals(requested, organization, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Json(
                new AzureDevOpsError(
                    $"VS800075: The organization '{requested}' does not exist or you do not have access to it. This emulator serves the organization '{organization}'.",
                    "Microsoft.VisualStudio.Services.Organization.OrganizationNotFoundException, Microsoft.VisualStudio.Services.Organization",
                    "OrganizationNotFoundException"),
                WireContext.Instance.AzureDevOpsError,
                statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            return await next(context);
        }
        catch (ServiceException ex)
        {
            return TypedResults.Json(ex.ToError(), WireContext.Instance.AzureDevOpsError, statusCode: ex.StatusCode);
        }
    }
}
