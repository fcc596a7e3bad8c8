using System.Diagnostics;
using System.Net.Http;
using AspireAgents.Scaler.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using AspireAgents.Scaling;
using AspireAgents.Scaling.Standby;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Asks a KEDA external scaler what KEDA asks it for a ScaledJob each polling interval:
/// <c>GetMetricSpec</c>, <c>GetMetrics</c> for the first metric, then <c>IsActive</c>. Each call is a client span
/// under the current one (the decision), and its W3C trace context travels in the call's metadata
/// (<c>traceparent</c>, <c>tracestate</c>), so the scaler's server spans join the decision's trace.
/// </summary>
internal sealed class ScalerPoller : IDisposable
{
    private readonly Uri _address;
    private readonly GrpcChannel _channel;
    private readonly ExternalScaler.ExternalScalerClient _client;
    private readonly ScaledObjectRef _scaledObject;

    public ScalerPoller(Uri address, string jobName, IReadOnlyDictionary<string, string> metadata)
    {
        _address = address;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            // The trace context is put in each call's metadata from its client span, never by the HTTP layer
            // from whatever span happens to be current.
            HttpHandler = new SocketsHttpHandler
            {
                ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
                EnableMultipleHttp2Connections = true,
            },
        });
        _client = new ExternalScaler.ExternalScalerClient(_channel);
        _scaledObject = new ScaledObjectRef { Name = jobName, Namespace = "aspire" };
        _scaledObject.ScalerMetadata.Add(metadata.ToDictionary());
    }

    /// <summary>Asks the scaler what KEDA asks for a ScaledJob, each call bounded by <paramref name="deadline"/>.</summary>
    /// <param name="deadline">
    /// When the interval's calls give up (UTC): a scaler that accepts the connection but never answers (a stopped
    /// process behind the AppHost's endpoint proxy) then fails the interval with <c>DeadlineExceeded</c>, and the
    /// dashboard shows the outage, instead of the loop waiting with no decision at all.
    /// </param>
    /// <param name="cancellationToken">Stops the calls when the AppHost stops.</param>
    public async Task<ScalerReading> ReadAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        var spec = await CallAsync(nameof(ExternalScaler.ExternalScalerClient.GetMetricSpec),
            headers => _client.GetMetricSpecAsync(_scaledObject, headers, deadline, cancellationToken)).ConfigureAwait(false);
        if (spec.MetricSpecs.Count == 0)
        {
            throw new InvalidOperationException("The scaler reported no metric in GetMetricSpec.");
        }

        // As KEDA: the float fields win when set, the trigger's target is the average of its specs.
        var metricName = spec.MetricSpecs[0].MetricName;
        var target = spec.MetricSpecs.Average(s => s.TargetSizeFloat > 0 ? s.TargetSizeFloat : s.TargetSize);

        // The standby count comes in trailers KEDA never reads (StandbyTrailers): learnt from the scaler, not recomputed.
        Metadata? trailers = null;
        var metrics = await CallAsync(nameof(ExternalScaler.ExternalScalerClient.GetMetrics),
            headers => _client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = _scaledObject, MetricName = metricName }, headers, deadline, cancellationToken),
            call => trailers = call.GetTrailers()).ConfigureAwait(false);
        var queueLength = metrics.MetricValues
            .Where(m => m.MetricName == metricName)
            .Sum(m => m.MetricValueFloat > 0 ? m.MetricValueFloat : m.MetricValue_);

        var active = await CallAsync(nameof(ExternalScaler.ExternalScalerClient.IsActive),
            headers => _client.IsActiveAsync(_scaledObject, headers, deadline, cancellationToken)).ConfigureAwait(false);
        var standby = long.TryParse(trailers?.GetValue(StandbyTrailers.Agents), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0;
        return new ScalerReading(metricName, queueLength, target, active.Result, standby, trailers?.GetValue(StandbyTrailers.Source));
    }

    public void Dispose() => _channel.Dispose();

    private async Task<TResponse> CallAsync<TResponse>(string method, Func<Metadata, AsyncUnaryCall<TResponse>> call, Action<AsyncUnaryCall<TResponse>>? completed = null)
    {
        using var activity = JobEmulationTelemetry.StartScalerCall(method, _address);
        var headers = new Metadata();
        if (activity is not null)
        {
            DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
            {
                if (carrier is Metadata metadata && value is not null)
                {
                    metadata.Add(name, value);
                }
            });
        }

        try
        {
            using var pending = call(headers);
            var response = await pending.ResponseAsync.ConfigureAwait(false);
            completed?.Invoke(pending);
            activity?.SetTag(JobEmulationAttributes.RpcStatusCode, (int)StatusCode.OK);
            return response;
        }
        catch (RpcException exception)
        {
            activity?.SetTag(JobEmulationAttributes.RpcStatusCode, (int)exception.StatusCode);
            activity?.SetTag(JobEmulationAttributes.ErrorType, exception.StatusCode.ToString());
            activity?.SetStatus(ActivityStatusCode.Error, exception.Status.Detail);
            throw;
        }
    }
}
