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

    /// <summary>The attribute names the Scaler puts on its spans and metrics (docs/observability.md lists them).</summary>
    public static class Tags
    {
        public const string ScaledObjectName = "keda.scaled_object.name";
        public const string ScaledObjectNamespace = "keda.scaled_object.namespace";
        public const string Organization = "azp.organization";
        public const string PoolId = "azp.pool.id";
        public const string QueueLength = "azp.queue.length";
        public const string Target = "keda.target";
        public const string Active = "keda.active";
        public const string StandbyAgents = "azp.standby.agents";
        public const string StandbySource = "azp.standby.source";
        public const string CacheResult = "azp.cache.result";
        public const string CacheAge = "azp.cache.age";
        public const string Link = "azp.link";
        public const string PoolCacheResult = "azp.pool.cache.result";
        public const string Cache = "azp.cache";
    }

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
            activity.SetTag(Tags.ScaledObjectName, scaledObject.Name);
            activity.SetTag(Tags.ScaledObjectNamespace, scaledObject.Namespace);
        }

        return activity;
    }

    internal static void RecordMeasurement(Activity? activity, ScaledObjectRef scaledObject, AzurePipelinesTrigger trigger, QueueMeasurement measurement, DateTimeOffset now)
    {
        s_queueLengths.Set(new QueueLengthKey(trigger.OrganizationName, measurement.PoolId, scaledObject.Namespace, scaledObject.Name), measurement.QueueLength);
        if (activity is not null)
        {
            activity.SetTag(Tags.Organization, trigger.OrganizationName);
            activity.SetTag(Tags.PoolId, measurement.PoolId);
            activity.SetTag(Tags.QueueLength, measurement.QueueLength);
            activity.SetTag(Tags.Target, trigger.TargetPipelinesQueueLength);
            activity.SetTag(Tags.CacheResult, Format(measurement.Outcome));
            if (measurement.Outcome is not (CacheOutcome.Miss or CacheOutcome.Bypass))
            {
                // Answered without calling Azure DevOps: how old the job list is, and a link to the span that read it.
                activity.SetTag(Tags.CacheAge, Math.Max(0, (now - measurement.FetchedAt).TotalSeconds));
                if (measurement.FetchedBy != default && measurement.FetchedBy.SpanId != activity.SpanId)
                {
                    activity.AddLink(new ActivityLink(measurement.FetchedBy, new ActivityTagsCollection { [Tags.Link] = "job list read" }));
                }
            }
        }
    }

    internal static void RecordStandby(Activity? activity, AspireAgents.Scaling.Standby.StandbyTarget standby)
    {
        activity?.SetTag(Tags.StandbyAgents, standby.Count);
        activity?.SetTag(Tags.StandbySource, standby.Source);
    }

    internal static void RecordPoolLookup(Activity? activity, CacheOutcome outcome) => activity?.SetTag(Tags.PoolCacheResult, Format(outcome));

    internal static void RecordCacheLookup(string cache, CacheOutcome outcome) =>
        s_cacheLookups.Add(1, new KeyValuePair<string, object?>(Tags.Cache, cache), new KeyValuePair<string, object?>(Tags.CacheResult, Format(outcome)));

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
                new KeyValuePair<string, object?>(Tags.Organization, key.Organization),
                new KeyValuePair<string, object?>(Tags.PoolId, key.PoolId),
                new KeyValuePair<string, object?>(Tags.ScaledObjectNamespace, key.Namespace),
                new KeyValuePair<string, object?>(Tags.ScaledObjectName, key.Name));
        }
    }

    private readonly record struct QueueLengthKey(string Organization, int PoolId, string Namespace, string Name);
}
