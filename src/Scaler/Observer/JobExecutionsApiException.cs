using System.Net;

namespace AspireAgents.Scaler.Observer;

/// <summary>The executions API could not be read: its status and ARM error code when it answered, and why.</summary>
public sealed class JobExecutionsApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the job and the likely cause.</param>
    /// <param name="status">The HTTP status, when the API answered.</param>
    /// <param name="code">ARM's error code, when the answer had one.</param>
    /// <param name="innerException">The cause.</param>
    public JobExecutionsApiException(string message, HttpStatusCode? status = null, string? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status, when the API answered.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>ARM's error code (<c>AuthorizationFailed</c>, <c>InvalidAuthenticationToken</c>…), when the answer had one.</summary>
    public string? Code { get; }
}
