using System.Net;

namespace AspireAgents.AzureDevOps.Client;

/// <summary>An Azure DevOps call failed. <see cref="Failure"/> says how; the message names the route and the cause.</summary>
public class AzureDevOpsException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="message">What failed and why, naming the route.</param>
    /// <param name="statusCode">The HTTP status, when an answer arrived.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public AzureDevOpsException(AzureDevOpsFailure failure, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>The kind of failure.</summary>
    public AzureDevOpsFailure Failure { get; }

    /// <summary>The HTTP status of the answer, or <see langword="null"/> when none arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The service's own error text (<c>message</c> of its error body), when it sent one.</summary>
    public string? ServiceMessage { get; init; }

    /// <summary>How long the service asked callers to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
