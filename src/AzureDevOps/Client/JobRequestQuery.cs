using System.Globalization;

namespace AspireAgents.AzureDevOps.Client;

/// <summary>
/// How to ask <c>pools/{poolId}/jobrequests</c>. The service changes the answer's shape with these:
/// <c>$top</c> drops <c>matchedAgents</c> and still returns finished jobs; <c>completedRequestCount=0</c> returns
/// only unfinished jobs. The default asks with no query at all.
/// </summary>
/// <param name="Top">Sent as <c>$top</c> when set.</param>
/// <param name="UnfinishedOnly">Sends <c>completedRequestCount=0</c> when set.</param>
public readonly record struct JobRequestQuery(long? Top = null, bool UnfinishedOnly = false)
{
    /// <summary>No query: every recent job, with <c>matchedAgents</c>.</summary>
    public static JobRequestQuery All => default;

    /// <summary>The query string, with its leading <c>?</c>, or empty.</summary>
    /// <returns>E.g. <c>?$top=250</c>.</returns>
    public string ToQueryString() => (Top, UnfinishedOnly) switch
    {
        (null, false) => string.Empty,
        (null, true) => "?completedRequestCount=0",
        ({ } top, false) => "?$top=" + top.ToString(CultureInfo.InvariantCulture),
        ({ } top, true) => "?$top=" + top.ToString(CultureInfo.InvariantCulture) + "&completedRequestCount=0",
    };

    /// <inheritdoc />
    public override string ToString() => ToQueryString() is { Length: > 0 } query ? query : "(no query)";
}
