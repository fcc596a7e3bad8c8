namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>How a request's credentials were judged.</summary>
internal enum AuthOutcome
{
    /// <summary>A valid PAT, a valid token of an identity in the organisation, or a valid agent token.</summary>
    Authenticated,

    /// <summary>No credentials, or credentials the organisation refuses: 401.</summary>
    Unauthorized,

    /// <summary>A valid token of an identity not added to the organisation: 401 naming it.</summary>
    NotInOrganization,

    /// <summary>A malformed Basic header: 203 with the HTML sign-in page.</summary>
    SignInPage,
}

/// <summary>The judgement on a request's credentials.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Identity">Who the caller is (the rate-limit key), when known.</param>
/// <param name="Reason">Why it was refused, for the log and the error body.</param>
/// <param name="Caller">The authenticated caller.</param>
internal sealed record AuthResult(AuthOutcome Outcome, string? Identity, string Reason, Caller? Caller = null);
