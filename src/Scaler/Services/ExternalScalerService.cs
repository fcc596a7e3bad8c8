using System.Diagnostics;
using AspireAgents.Scaler.Configuration;
using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Standby;
using AspireAgents.Scaling.Standby;
using AspireAgents.Scaler.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Services;

/// <summary>
/// KEDA's <c>externalscaler.ExternalScaler</c> service with the semantics of its <c>azure-pipelines</c> scaler. Each RPC
/// parses the metadata (once per distinct map), measures the queue through <see cref="AzurePipelinesQueue"/> and answers;
/// errors are turned into gRPC statuses by the exception interceptor.
/// </summary>
/// <param name="triggers">Parsed triggers by metadata.</param>
/// <param name="queue">Measures queue lengths through the shared cache.</param>
/// <param name="standby">Resolves the standby agents each trigger wants now.</param>
/// <param name="options">The stream interval.</param>
/// <param name="timeProvider">The clock for the stream's timer.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ExternalScalerService(
    TriggerMetadataCache triggers,
    AzurePipelinesQueue queue,
    StandbyAgents standby,
    IOptions<ScalerOptions> options,
    TimeProvider timeProvider,
    ILogger<ExternalScalerService> logger) : ExternalScaler.ExternalScalerBase
{
    /// <summary>Active when the queue length exceeds <c>activationTargetPipelinesQueueLength</c>, or standby agents are wanted.</summary>
    /// <param name="request">The scaled object and its metadata.</param>
    /// <param name="context">The call.</param>
    /// <returns>The activity.</returns>
    public override async Task<IsActiveResponse> IsActive(ScaledObjectRef request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ScalerTelemetry.StartRpc(nameof(IsActive), request);
        return new IsActiveResponse { Result = await EvaluateAsync(request, activity, nameof(IsActive), context.CancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Sends the activity when the stream opens and again whenever it changes, re-evaluating every <see cref="ScalerOptions.StreamInterval"/>.</summary>
    /// <param name="request">The scaled object and its metadata.</param>
    /// <param name="responseStream">The stream.</param>
    /// <param name="context">The call.</param>
    /// <returns>A task that ends with the call.</returns>
    public override async Task StreamIsActive(ScaledObjectRef request, IServerStreamWriter<IsActiveResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        var cancellationToken = context.CancellationToken;
        bool? sent = null;
        using var timer = new PeriodicTimer(options.Value.StreamInterval, timeProvider);
        do
        {
            bool active;
            using (var activity = ScalerTelemetry.StartRpc(nameof(StreamIsActive), request))
            {
                active = await EvaluateAsync(request, activity, nameof(StreamIsActive), cancellationToken).ConfigureAwait(false);
            }

            if (active != sent)
            {
                await responseStream.WriteAsync(new IsActiveResponse { Result = active }, cancellationToken).ConfigureAwait(false);
                sent = active;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One metric, <c>azure-pipelines-{poolId}</c>, with target <c>targetPipelinesQueueLength</c>.</summary>
    /// <param name="request">The scaled object and its metadata.</param>
    /// <param name="context">The call.</param>
    /// <returns>The metric spec.</returns>
    public override async Task<GetMetricSpecResponse> GetMetricSpec(ScaledObjectRef request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ScalerTelemetry.StartRpc(nameof(GetMetricSpec), request);
        try
        {
            var trigger = triggers.GetOrParse(request.ScalerMetadata);
            var poolId = await queue.ResolvePoolAsync(trigger, context.CancellationToken).ConfigureAwait(false);
            activity?.SetTag(ScalerTelemetry.Tags.PoolId, poolId);
            activity?.SetTag(ScalerTelemetry.Tags.Target, trigger.TargetPipelinesQueueLength);
            return new GetMetricSpecResponse
            {
                MetricSpecs =
                {
                    new MetricSpec
                    {
                        MetricName = MetricNames.ForPool(poolId),
                        TargetSize = trigger.TargetPipelinesQueueLength,
                        TargetSizeFloat = trigger.TargetPipelinesQueueLength,
                    },
                },
            };
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>The queue length plus the standby agents (times the target) as the metric's value; the standby count and its source also go in the trailers.</summary>
    /// <param name="request">The scaled object, its metadata and the metric name.</param>
    /// <param name="context">The call.</param>
    /// <returns>The metric value.</returns>
    public override async Task<GetMetricsResponse> GetMetrics(GetMetricsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scaledObject = request.ScaledObjectRef
            ?? throw new ScalerException(StatusCode.InvalidArgument, "scaledObjectRef is missing from the GetMetrics request");
        using var activity = ScalerTelemetry.StartRpc(nameof(GetMetrics), scaledObject);
        try
        {
            var answer = await AnswerAsync(scaledObject, activity, nameof(GetMetrics), context.CancellationToken).ConfigureAwait(false);

            // For the job emulation's dashboard and decision span; KEDA drops trailers (StandbyTrailers).
            if (answer.StandbyConfigured)
            {
                context.ResponseTrailers.Add(StandbyTrailers.Agents, answer.Standby.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.ResponseTrailers.Add(StandbyTrailers.Source, answer.Standby.Source);
            }

            return new GetMetricsResponse
            {
                MetricValues =
                {
                    new MetricValue
                    {
                        MetricName = string.IsNullOrEmpty(request.MetricName) ? MetricNames.ForPool(answer.Measurement.PoolId) : request.MetricName,
                        MetricValue_ = answer.MetricValue,
                        MetricValueFloat = answer.MetricValue,
                    },
                },
            };
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task<bool> EvaluateAsync(ScaledObjectRef request, Activity? activity, string method, CancellationToken cancellationToken)
    {
        try
        {
            return (await AnswerAsync(request, activity, method, cancellationToken).ConfigureAwait(false)).Active;
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task<TriggerAnswer> AnswerAsync(ScaledObjectRef request, Activity? activity, string method, CancellationToken cancellationToken)
    {
        var trigger = triggers.GetOrParse(request.ScalerMetadata);
        var measurement = await queue.MeasureAsync(trigger, cancellationToken).ConfigureAwait(false);
        var answer = TriggerAnswer.For(trigger, measurement, standby.Resolve(trigger, measurement));
        ScalerTelemetry.RecordMeasurement(activity, request, trigger, measurement, timeProvider.GetUtcNow());
        ScalerTelemetry.RecordStandby(activity, answer.Standby);
        activity?.SetTag(ScalerTelemetry.Tags.Active, answer.Active);
        LogEvaluated(method, request.Namespace, request.Name, measurement.PoolId, measurement.QueueLength, answer.Standby.Count, answer.Standby.Source, answer.Active, measurement.Outcome);
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Namespace}/{Name}: pool {PoolId} queue length {QueueLength}, standby {Standby} ({StandbySource}), active {Active} (cache {CacheOutcome})")]
    private partial void LogEvaluated(string method, string @namespace, string name, int poolId, long queueLength, int standby, string standbySource, bool active, Caching.CacheOutcome cacheOutcome);
}
