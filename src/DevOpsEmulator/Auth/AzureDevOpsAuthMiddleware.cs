using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Organization;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>
/// Authenticates calls to Azure DevOps endpoints and applies the rate limit, answering 401, 203 or 429 the way
/// the service does. Endpoints outside the REST surface (identity, downloads, emulator controls) pass through.
/// </summary>
internal sealed class AzureDevOpsAuthMiddleware(
    RequestDelegate next,
    AzureDevOpsAuthenticator authenticator,
    RateLimiter rateLimiter,
    OrganizationState state,
    IOptions<EmulatorOptions> options,
    ILogger<AzureDevOpsAuthMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AzureDevOpsApiMetadata>() is null)
        {
            await next(context);
            return;
        }

        var result = authenticator.Authenticate(context.Request);
        switch (result.Outcome)
        {
            case AuthOutcome.SignInPage:
                logger.AuthenticationFailed(context.Request.Path, result.Reason);
                await ServiceResponses.WriteSignInPageAsync(context, options.Value);
                return;
            case AuthOutcome.NotInOrganization:
                logger.AuthenticationFailed(context.Request.Path, result.Reason);
                await ServiceResponses.WriteUnauthorizedAsync(context, options.Value, result.Reason);
                return;
            case AuthOutcome.Unauthorized:
                logger.AuthenticationFailed(context.Request.Path, result.Reason);
                await ServiceResponses.WriteUnauthorizedAsync(context, options.Value, "TF400813: The user '' is not authorized to access this resource.");
                return;
        }

        if (result.Caller?.Agent is { } agent && AgentTokenScope.Refusal(context, agent, state) is { } refusal)
        {
            // An authenticated caller without the right: the service's TF400813 names the user.
            logger.AuthenticationFailed(context.Request.Path, refusal);
            await ServiceResponses.WriteUnauthorizedAsync(context, options.Value, $"TF400813: The user '{result.Caller.Name}' is not authorized to access this resource: {refusal}.");
            return;
        }

        result.Caller?.AttachTo(context);
        if (rateLimiter.Enabled)
        {
            var decision = rateLimiter.Spend(result.Identity!);
            ServiceResponses.AddRateLimitHeaders(context.Response, decision);
            if (!decision.Allowed)
            {
                logger.RateLimited(result.Identity!, decision.Limit, decision.RetryAfterSeconds ?? 1);
                await ServiceResponses.WriteRateLimitedAsync(context, decision.RetryAfterSeconds ?? 1);
                return;
            }
        }

        await next(context);
    }
}
