using System.Text.Json.Serialization;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Controls;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// The token endpoint agents are given at registration (<c>authorization.authorizationUrl</c>): an OAuth 2.0
/// client-credentials grant authenticated by a JWT client assertion (RFC 7523 §2.2), as the agent's
/// <c>VssOAuthCredential(…, VssOAuthGrant.ClientCredentials, VssOAuthJwtBearerClientCredential)</c> sends it
/// (azure-pipelines-agent src/Agent.Listener/Configuration/OAuthCredential.cs:46-47). It needs no other credential.
/// </summary>
internal static class AgentOAuthApi
{
    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The token endpoint's path for organisation <paramref name="organization"/>.</summary>
    public static string PathFor(string organization) => $"/_vstoken/{organization}/oauth2/token";

    public static IEndpointRouteBuilder MapAgentOAuthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/_vstoken/{org}/oauth2/token", IssueToken).WithName("IssueAgentToken").DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// Every refusal is a 400 with an RFC 6749 §5.2 error: the agent's token client reads a token answer only from a
    /// 200 or a 400 with JSON (actions/runner src/Sdk/WebApi/WebApi/OAuth/VssOAuthTokenHttpClient.cs, IsValidTokenResponse),
    /// and a client JWT that does not verify is <c>invalid_client</c> (RFC 7523 §3.2).
    /// </summary>
    internal static async Task<Results<JsonHttpResult<AgentTokenResponse>, JsonHttpResult<OAuthError>, NotFound>> IssueToken(
        string org,
        HttpRequest request,
        IOptions<EmulatorOptions> options,
        ClientAssertionValidator validator,
        AgentTokenService tokens,
        ILogger<AgentTokenService> logger)
    {
        if (!org.Equals(options.Value.Organization, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.NotFound();
        }

        if (!request.HasFormContentType)
        {
            return Error("invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Error("invalid_request", "grant_type is missing.");
        }

        if (grantType != "client_credentials")
        {
            return Error("unsupported_grant_type", $"The grant type '{grantType}' is not supported; agents use client_credentials.");
        }

        var assertionType = form["client_assertion_type"].ToString();
        var assertion = form["client_assertion"].ToString();
        if (assertionType.Length == 0 || assertion.Length == 0)
        {
            return Error("invalid_request", "client_assertion_type and client_assertion are required.");
        }

        if (assertionType != ClientAssertionType)
        {
            return Error("invalid_client", $"The client assertion type '{assertionType}' is not supported; use {ClientAssertionType}.");
        }

        var client = validator.Validate(assertion, out var failure);
        if (client is null)
        {
            logger.AgentTokenRefused(failure);
            return Error("invalid_client", failure);
        }

        var (token, lifetime) = tokens.Issue(client);
        logger.AgentTokenIssued(client.AgentName, client.AgentId, lifetime);
        return TypedResults.Json(new AgentTokenResponse(token, "Bearer", (int)lifetime.TotalSeconds), EmulatorJsonContext.Default.AgentTokenResponse);
    }

    private static JsonHttpResult<OAuthError> Error(string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), EmulatorJsonContext.Default.OAuthError, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>A successful token answer (RFC 6749 §5.1).</summary>
internal sealed record AgentTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>A refused token request (RFC 6749 §5.2).</summary>
internal sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
