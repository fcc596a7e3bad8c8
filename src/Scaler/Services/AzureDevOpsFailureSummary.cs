using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AspireAgents.AzureDevOps.Client;

namespace AspireAgents.Scaler.Services;

/// <summary>
/// What a caller is told about an Azure DevOps failure: the HTTP status, the kind of failure and the service's message
/// id (<c>TF400813</c>, <c>VS403403</c>), never the answer's body, headers or reason phrase. Those are text an answering
/// server chose and they can carry anything; the full exception goes to the scaler's own log instead.
/// </summary>
public static partial class AzureDevOpsFailureSummary
{
    /// <summary>A one-line summary of <paramref name="failure"/> safe to return to any caller.</summary>
    /// <param name="failure">The client's exception.</param>
    /// <returns>For example <c>HTTP 503 (Unavailable), Azure DevOps error TF246017</c>.</returns>
    public static string Describe(AzureDevOpsException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var what = failure.StatusCode switch
        {
            HttpStatusCode.NonAuthoritativeInformation => "HTTP 203: an HTML sign-in page instead of JSON",
            { } status when failure.Failure == AzureDevOpsFailure.Authentication && status != HttpStatusCode.Unauthorized =>
                $"HTTP {(int)status}: an HTML sign-in page instead of JSON",
            { } status => $"HTTP {(int)status} ({Kind(failure.Failure)})",
            null => failure.Failure switch
            {
                AzureDevOpsFailure.Authentication => "no token from the scaler's identity (see the scaler's log)",
                AzureDevOpsFailure.Timeout => "no answer within AzureDevOps:Http:AttemptTimeout",
                AzureDevOpsFailure.Unavailable => "Azure DevOps could not be reached",
                var other => Kind(other),
            },
        };

        var id = MessageId(failure.ServiceMessage) is { } found ? $", Azure DevOps error {found}" : string.Empty;
        var retryAfter = failure.RetryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $", Retry-After {wait.TotalSeconds:0.###} s")
            : string.Empty;
        return what + id + retryAfter;
    }

    private static string Kind(AzureDevOpsFailure failure) => failure switch
    {
        AzureDevOpsFailure.Authentication => "credentials refused",
        AzureDevOpsFailure.AccessDenied => "access denied",
        AzureDevOpsFailure.NotFound => "not found",
        AzureDevOpsFailure.BadRequest => "bad request",
        AzureDevOpsFailure.Conflict => "conflict",
        AzureDevOpsFailure.RateLimited => "rate limited",
        AzureDevOpsFailure.Unavailable => "unavailable",
        AzureDevOpsFailure.Timeout => "timed out",
        AzureDevOpsFailure.InvalidResponse => "an answer of an unexpected shape",
        _ => "an unexpected answer",
    };

    // Azure DevOps prefixes its messages with an id such as "TF400813:" or "VS403403:"; only that id is passed on.
    private static string? MessageId(string? serviceMessage) =>
        serviceMessage is not null && MessageIdPattern().Match(serviceMessage) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^\s*((?:TF|VS)\d{1,9}):", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MessageIdPattern();
}
