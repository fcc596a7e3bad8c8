using System.Diagnostics;
using AspireAgents.AzureDevOps.Telemetry;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>Counts and times every request that goes on the wire, tagged with method, route template and status.</summary>
public sealed class AzureDevOpsTelemetryHandler : DelegatingHandler
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="timeProvider">The clock used for durations.</param>
    public AzureDevOpsTelemetryHandler(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var route = request.Options.TryGetValue(AzureDevOpsRequestOptions.Route, out var template) ? template : "unknown";
        string status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            var tags = new TagList
            {
                { AzureDevOpsTelemetry.RequestMethodAttribute, request.Method.Method },
                { AzureDevOpsTelemetry.RouteAttribute, route },
                { AzureDevOpsTelemetry.ResponseStatusCodeAttribute, status },
            };
            AzureDevOpsTelemetry.Requests.Add(1, tags);
            AzureDevOpsTelemetry.RequestDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
