using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AspireAgents.AzureDevOps.Telemetry;

/// <summary>
/// The client's traces and metrics. Add <see cref="ActivitySourceName"/> and <see cref="MeterName"/> to
/// OpenTelemetry (ServiceDefaults does, through the <c>AspireAgents.*</c> wildcard).
/// </summary>
public static class AzureDevOpsTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: one span per client call.</summary>
    public const string ActivitySourceName = "AspireAgents.AzureDevOps";

    /// <summary>The <see cref="Meter"/> name.</summary>
    public const string MeterName = "AspireAgents.AzureDevOps";

    /// <summary>Counter <c>azp.client.requests</c>: requests sent on the wire (each attempt), by method, route and status.</summary>
    public const string RequestsInstrument = "azp.client.requests";

    /// <summary>Histogram <c>azp.client.request.duration</c> in seconds, by method, route and status.</summary>
    public const string RequestDurationInstrument = "azp.client.request.duration";

    /// <summary>Counter <c>azp.client.retries</c>: attempts repeated after a 429, 5xx, timeout or connection failure.</summary>
    public const string RetriesInstrument = "azp.client.retries";

    /// <summary>Counter <c>azp.client.rate_limit.waits</c>: requests held back because the organisation asked callers to wait.</summary>
    public const string RateLimitWaitsInstrument = "azp.client.rate_limit.waits";

    /// <summary>Histogram <c>azp.client.rate_limit.wait.duration</c> in seconds: how long requests were held back.</summary>
    public const string RateLimitWaitDurationInstrument = "azp.client.rate_limit.wait.duration";

    /// <summary>
    /// Counter <c>azp.client.odd_values</c>: values in Azure DevOps answers read liberally (an unknown enum member, a
    /// value of the wrong kind, a list element left out), by <c>azp.wire.oddity</c> and <c>azp.wire.type</c>.
    /// </summary>
    public const string OddValuesInstrument = "azp.client.odd_values";

    /// <summary>Attribute: the organisation's URL, e.g. <c>https://dev.azure.com/contoso</c> (a URL attribute ends in <c>.url</c>).</summary>
    public const string OrganizationUrlAttribute = "azp.organization.url";

    /// <summary>Attribute: the agent pool's id.</summary>
    public const string PoolIdAttribute = "azp.pool.id";

    /// <summary>Attribute: OpenTelemetry's <c>http.route</c>, the request's path template.</summary>
    public const string RouteAttribute = "http.route";

    /// <summary>Attribute: OpenTelemetry's <c>http.request.method</c>.</summary>
    public const string RequestMethodAttribute = "http.request.method";

    /// <summary>Attribute: OpenTelemetry's <c>http.response.status_code</c>.</summary>
    public const string ResponseStatusCodeAttribute = "http.response.status_code";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    internal static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsInstrument, "{request}", "Azure DevOps requests sent, each attempt counted.");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(RequestDurationInstrument, "s", "Duration of Azure DevOps requests.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Azure DevOps requests repeated after a transient failure.");

    internal static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>(RateLimitWaitsInstrument, "{wait}", "Requests held back by an organisation's rate limit.");

    internal static readonly Histogram<double> RateLimitWaitDuration = Meter.CreateHistogram<double>(RateLimitWaitDurationInstrument, "s", "Time requests were held back by an organisation's rate limit.");

    internal static readonly Counter<long> OddValues = Meter.CreateCounter<long>(OddValuesInstrument, "{value}", "Values in Azure DevOps answers read liberally.");
}
