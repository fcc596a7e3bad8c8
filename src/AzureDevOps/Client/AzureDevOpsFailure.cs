namespace AspireAgents.AzureDevOps.Client;

/// <summary>What kind of failure an <see cref="AzureDevOpsException"/> reports, so callers can react without parsing status codes.</summary>
public enum AzureDevOpsFailure
{
    /// <summary>An answer that fits no other kind.</summary>
    Unexpected,

    /// <summary>The credentials were missing, expired or rejected (401, 203, or an HTML sign-in page).</summary>
    Authentication,

    /// <summary>The identity is known but lacks permission (403).</summary>
    AccessDenied,

    /// <summary>The addressed resource does not exist (404).</summary>
    NotFound,

    /// <summary>The request was malformed or refused as invalid (400).</summary>
    BadRequest,

    /// <summary>The request conflicts with the resource's state (409).</summary>
    Conflict,

    /// <summary>The service throttled the identity (429) beyond the client's retry budget.</summary>
    RateLimited,

    /// <summary>The service failed or was unreachable (5xx, connection errors) beyond the client's retry budget.</summary>
    Unavailable,

    /// <summary>No answer arrived within the attempt timeout.</summary>
    Timeout,

    /// <summary>The answer was not the JSON shape expected.</summary>
    InvalidResponse,

    /// <summary>The answer's body was larger than <c>AzureDevOps:Http:MaxResponseBytes</c> and was not read.</summary>
    ResponseTooLarge,
}
