using System.Net;

namespace AspireAgents.AzureDevOps.Client;

/// <summary>
/// Azure DevOps did not accept the credentials: a 401, a 203 with an HTML sign-in page, or any HTML body where
/// JSON was expected. The answer is never parsed as data. The message says which and what to check.
/// </summary>
public sealed class AzureDevOpsAuthenticationException : AzureDevOpsException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What was refused and what to check.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="innerException">The underlying exception, e.g. from the token credential.</param>
    public AzureDevOpsAuthenticationException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(AzureDevOpsFailure.Authentication, message, statusCode, innerException)
    {
    }
}
