using System.Diagnostics;
using System.Diagnostics.Metrics;
using AspireAgents.Scaler.Caching;
using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Services;

namespace AspireAgents.Scaler.Telemetry;

/// <summary>
/// The scaler's traces and metrics: a span per RPC with the scaled object, pool, queue length, target, activity and
/// cache outcome; the queue length by pool and scaled object; cache lookups by outcome. Azure DevOps request counts,
/// durations and rate-limit waits come from the client's meter, <c>AspireAgents.AzureDevOps</c>.
/// </summary>
public static class ScalerTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string Name = "AspireAgents.Scaler";

    /// <summary>Gauge <c>azp.scaler.queue_length</c>: the last queue length reported, by organisation, pool and scaled object.</summary>
    public const string QueueLengthInstrument = "azp.scaler.queue_length";

    /// <summary>Counter <c>azp.scaler.cache.lookups</c>: shared-cache reads by cache (<c>queue</c>, <c>pool</c>) and outcome.</summary>
    public const string CacheLookupsInstrument = "azp.scaler.cache.lookups";

    /// <summary>The tag value of the series that takes every value past <c>Scaler:Limits:MetricSeries</c>.</summary>
    public const string OtherTag = "_other";

    internal static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter s_meter = new(Name);
    private static readonly CappedSeries<QueueLengthKey> s_queueLengths = new(new QueueLengthKey(OtherTag, 0, OtherTag, OtherTag));
    private static readonly Counter<long> s_cacheLookups = s_meter.CreateCounter<long>(CacheLookupsInstrument, "{lookup}", "Shared-cache reads by outcome.");

    static ScalerTelemetry()
    {
        s_meter.CreateObservableGauge(QueueLengthInstrument, ObserveQueueLengths, "{job}", "Jobs counted for a trigger at its last evaluation.");
    }

    /// <summary>How many <see cref="QueueLengthInstrument"/> series are kept (<c>Scaler:Limits:MetricSeries</c>).</summary>
    internal static int MaxQueueLengthSeries
    {
        get => s_queueLengths.MaxSeries;
        set => s_queueLengths.MaxSeries = value;
    }

    internal static Activity? StartRpc(string method, ScaledObjectRef? scaledObject)
    {
        var activity = ActivitySource.StartActivity("ExternalScaler/" + method, ActivityKind.Internal);
        if (activity is not null && scaledObject is not null)
        {
            activity.SetTag("keda.scaled_object.name", scaledObject.Name);
            activity.SetTag("keda.scaled_object.namespace", scaledObject.Namespace);
        }

        return activity;
    }

    internal static void RecordMeasurement(Activity? activity, ScaledObjectRef scaledObject, AzurePipelinesTrigger trigger, QueueMeasurement measurement, DateTimeOffset now)
    {
        s_queueLengths.Set(new QueueLengthKey(trigger.OrganizationName, measurement.PoolId, scaledObject.Namespace, scaledObject.Name), measurement.QueueLength);
        if (activity is not null)
        {
            activity.SetTag("azp.organization", trigger.OrganizationName);
            activity.SetTag("azp.pool.id", measurement.PoolId);
            activity.SetTag("azp.queue.length", measurement.QueueLength);
            activity.SetTag("keda.target", trigger.TargetPipelinesQueueLength);
            activity.SetTag("azp.cache.result", Format(measurement.Outcome));
            if (measurement.Outcome is not (CacheOutcome.Miss or CacheOutcome.Bypass))
            {
                // Answered without calling Azure DevOps: how old the job list is, and a link to the span that read it.
                activity.SetTag("azp.cache.age", Math.Max(0, (now - measurement.FetchedAt).TotalSeconds));
                if (measurement.FetchedBy != default && measurement.FetchedBy.SpanId != activity.SpanId)
                {
                    activity.AddLink(new ActivityLink(measurement.FetchedBy, new ActivityTagsCollection { ["azp.link"] = "job list read" }));
                }
            }
        }
    }

    internal static void RecordPoolLookup(Activity? activity, CacheOutcome outcome) => activity?.SetTag("azp.pool.cache.result", Format(outcome));

    internal static void RecordCacheLookup(string cache, CacheOutcome outcome) =>
        s_cacheLookups.Add(1, new KeyValuePair<string, object?>("azp.cache", cache), new KeyValuePair<string, object?>("azp.cache.result", Format(outcome)));

    internal static string Format(CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.Hit => "hit",
        CacheOutcome.Miss => "miss",
        CacheOutcome.Coalesced => "coalesced",
        CacheOutcome.Stale => "stale",
        _ => "bypass",
    };

    private static IEnumerable<Measurement<long>> ObserveQueueLengths()
    {
        foreach (var (key, value) in s_queueLengths.Values)
        {
            yield return new Measurement<long>(
                value,
                new KeyValuePair<string, object?>("azp.organization", key.Organization),
                new KeyValuePair<string, object?>("azp.pool.id", key.PoolId),
                new KeyValuePair<string, object?>("keda.scaled_object.namespace", key.Namespace),
                new KeyValuePair<string, object?>("keda.scaled_object.name", key.Name));
        }
    }

    private readonly record struct QueueLengthKey(string Organization, int PoolId, string Namespace, string Name);
}
