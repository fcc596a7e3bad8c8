using AspireAgents.Scaler.Protocol;
using Grpc.Net.Client;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Asks a KEDA external scaler what KEDA asks it for a ScaledJob each polling interval:
/// <c>GetMetricSpec</c>, <c>GetMetrics</c> for the first metric, then <c>IsActive</c>.
/// </summary>
internal sealed class ScalerPoller : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly ExternalScaler.ExternalScalerClient _client;
    private readonly ScaledObjectRef _scaledObject;

    public ScalerPoller(Uri address, string jobName, IReadOnlyDictionary<string, string> metadata)
    {
        _channel = GrpcChannel.ForAddress(address);
        _client = new ExternalScaler.ExternalScalerClient(_channel);
        _scaledObject = new ScaledObjectRef { Name = jobName, Namespace = "aspire" };
        _scaledObject.ScalerMetadata.Add(metadata.ToDictionary());
    }

    public async Task<ScalerReading> ReadAsync(CancellationToken cancellationToken)
    {
        var spec = await _client.GetMetricSpecAsync(_scaledObject, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (spec.MetricSpecs.Count == 0)
        {
            throw new InvalidOperationException("The scaler reported no metric in GetMetricSpec.");
        }

        // As KEDA: the float fields win when set, the trigger's target is the average of its specs.
        var metricName = spec.MetricSpecs[0].MetricName;
        var target = spec.MetricSpecs.Average(s => s.TargetSizeFloat > 0 ? s.TargetSizeFloat : s.TargetSize);

        var metrics = await _client.GetMetricsAsync(
            new GetMetricsRequest { ScaledObjectRef = _scaledObject, MetricName = metricName },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var queueLength = metrics.MetricValues
            .Where(m => m.MetricName == metricName)
            .Sum(m => m.MetricValueFloat > 0 ? m.MetricValueFloat : m.MetricValue_);

        var active = await _client.IsActiveAsync(_scaledObject, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ScalerReading(metricName, queueLength, target, active.Result);
    }

    public void Dispose() => _channel.Dispose();
}
