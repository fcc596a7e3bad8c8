using System.Globalization;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// The managed-identity token endpoint as Azure Container Apps serves it to a job:
/// <c>GET /msi/token?resource=…&amp;api-version=2019-08-01</c> with <c>X-IDENTITY-HEADER</c>.
/// </summary>
internal static class ManagedIdentityApi
{
    /// <summary>The query parameters that pick a user-assigned identity; at most one may be given.</summary>
    private static readonly string[] s_identitySelectors = ["client_id", "principal_id", "object_id", "mi_res_id"];

    /// <summary>The endpoint's path: <c>IDENTITY_ENDPOINT</c> is the server address plus this.</summary>
    public const string Path = "/msi/token";

    /// <summary>The only api-version Container Apps serves.</summary>
    public const string ApiVersion = "2019-08-01";

    /// <summary>The header that carries <c>IDENTITY_HEADER</c>.</summary>
    public const string HeaderName = "X-IDENTITY-HEADER";

    public static IEndpointRouteBuilder MapManagedIdentityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, GetToken).WithName("GetManagedIdentityToken");
        return endpoints;
    }

    internal static Results<JsonHttpResult<ManagedIdentityToken>, JsonHttpResult<ManagedIdentityError>> GetToken(
        HttpContext context,
        IOptions<EmulatorOptions> options,
        IdentityDirectory identities,
        TokenService tokens,
        ILogger<TokenService> logger)
    {
        var query = context.Request.Query;
        var header = context.Request.Headers[HeaderName].ToString();
        if (header.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"The {HeaderName} header is missing. Send the value of IDENTITY_HEADER in it.");
        }

        if (!string.Equals(header, options.Value.IdentityHeader, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status401Unauthorized, "unauthorized_client", $"The {HeaderName} header does not match the identity header of this environment (Emulator:IdentityHeader).");
        }

        var apiVersion = query["api-version"].ToString();
        if (apiVersion != ApiVersion)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"The api-version '{apiVersion}' is not supported; use api-version={ApiVersion}.");
        }

        var requested = query["resource"].ToString();
        if (requested.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The resource parameter is missing.");
        }

        var resource = tokens.NormalizeResource(requested);
        if (resource is null)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_resource",
                $"AADSTS500011: The resource principal named {requested} was not found in the tenant. Known resources: {TokenService.AzureDevOpsResource} and Emulator:TokenResources.");
        }

        var selectors = s_identitySelectors.Where(name => query[name].ToString().Length > 0).ToList();
        if (selectors.Count > 1)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"Only one of client_id, principal_id, object_id and mi_res_id may be given; got {string.Join(", ", selectors)}.");
        }

        IdentityOptions? identity;
        string description;
        if (selectors.Count == 0)
        {
            identity = identities.SystemAssigned;
            description = "the system-assigned identity";
        }
        else
        {
            var name = selectors[0];
            var value = query[name].ToString();
            description = $"{name} '{value}'";
            identity = name switch
            {
                "mi_res_id" => identities.ByResourceId(value),
                "client_id" => Guid.TryParse(value, out var clientId) ? identities.ByClientId(clientId) : null,
                _ => Guid.TryParse(value, out var principalId) ? identities.ByPrincipalId(principalId) : null,
            };
        }

        if (identity is null)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request",
                $"No managed identity found for {description}. Configure it in Emulator:Identities.");
        }

        var (token, expiresOn) = tokens.Issue(identity, resource);
        logger.TokenIssued(identity.Name, resource, expiresOn);
        return TypedResults.Json(
            new ManagedIdentityToken(token, expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), resource, "Bearer", identity.ClientId.ToString()),
            WireContext.Instance.ManagedIdentityToken);
    }

    private static JsonHttpResult<ManagedIdentityError> Error(int status, string error, string description) =>
        TypedResults.Json(new ManagedIdentityError(error, description), WireContext.Instance.ManagedIdentityError, statusCode: status);
}
