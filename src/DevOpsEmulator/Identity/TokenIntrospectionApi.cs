using AspireAgents.DevOpsEmulator.Controls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// OAuth 2.0 token introspection (RFC 7662) of the managed-identity endpoint's tokens, for the local resource servers
/// besides Azure DevOps (the job emulation's copy of the Container Apps executions API): in Azure, ARM checks an Entra
/// token against Entra's keys; here the tokens are signed with a key only this process knows, so a resource server asks
/// it. The answer says only what the caller already holds the token for; audience and access are the resource server's
/// to check.
/// </summary>
internal static class TokenIntrospectionApi
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/oauth2/introspect";

    public static IEndpointRouteBuilder MapTokenIntrospectionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, IntrospectAsync).WithName("IntrospectToken").DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<Results<JsonHttpResult<TokenIntrospection>, BadRequest<string>>> IntrospectAsync(HttpRequest request, TokenService tokens)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.BadRequest("Send the token as application/x-www-form-urlencoded token=… (RFC 7662 §2.1).");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var token = form["token"].ToString();
        var answer = tokens.TryValidate(token, out var claims, out var failure)
            ? new TokenIntrospection(true, claims!.Audience, claims.ObjectId, claims.AppId, claims.ExpiresOn.ToUnixTimeSeconds())
            : new TokenIntrospection(false, Reason: token.Length == 0 ? "no token was sent" : failure);
        return TypedResults.Json(answer, EmulatorJsonContext.Default.TokenIntrospection);
    }
}

/// <summary>RFC 7662 §2.2's answer: <c>active</c>, and the claims of an active token; <c>reason</c> says why one is not.</summary>
/// <param name="Active">Whether the token is one this emulator issued, unexpired.</param>
/// <param name="Aud">Its audience.</param>
/// <param name="Oid">The identity's principal (object) id.</param>
/// <param name="Appid">The identity's client id.</param>
/// <param name="Exp">When it expires, in Unix seconds.</param>
/// <param name="Reason">Why it is not active (an extension member, for the resource server's message).</param>
internal sealed record TokenIntrospection(bool Active, string? Aud = null, Guid? Oid = null, Guid? Appid = null, long? Exp = null, string? Reason = null);
