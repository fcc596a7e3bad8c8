using System.Collections.Concurrent;
using AspireAgents.Observability.Tests.Otlp;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace AspireAgents.Observability.Tests.Infrastructure;

/// <summary>Everything the receiver was sent, decoded.</summary>
public sealed class TelemetryStore
{
    private readonly ConcurrentQueue<SpanRecord> _spans = new();
    private readonly ConcurrentQueue<LogEntry> _logs = new();
    private readonly ConcurrentQueue<MetricEntry> _metrics = new();

    public IReadOnlyList<SpanRecord> Spans => [.. _spans];

    public IReadOnlyList<LogEntry> Logs => [.. _logs];

    public IReadOnlyList<MetricEntry> Metrics => [.. _metrics];

    public void Add(ExportTraceServiceRequest request)
    {
        foreach (var resource in request.ResourceSpans)
        {
            var service = ServiceName(resource.Resource);
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    _spans.Enqueue(new SpanRecord(
                        service,
                        scope.Scope?.Name ?? "",
                        Hex(span.TraceId),
                        Hex(span.SpanId),
                        span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
                        span.Name,
                        span.Kind,
                        FromUnixNanoseconds(span.StartTimeUnixNano),
                        FromUnixNanoseconds(span.EndTimeUnixNano),
                        Attributes(span.Attributes),
                        [.. span.Links.Select(l => new LinkRecord(Hex(l.TraceId), Hex(l.SpanId), Attributes(l.Attributes)))],
                        [.. span.Events.Select(e => e.Name)],
                        span.Status?.Code == 2));
                }
            }
        }
    }

    public void Add(ExportLogsServiceRequest request)
    {
        foreach (var resource in request.ResourceLogs)
        {
            var service = ServiceName(resource.Resource);
            foreach (var scope in resource.ScopeLogs)
            {
                foreach (var log in scope.LogRecords)
                {
                    _logs.Enqueue(new LogEntry(service, scope.Scope?.Name ?? "", Hex(log.TraceId), Hex(log.SpanId), Value(log.Body)?.ToString() ?? ""));
                }
            }
        }
    }

    public void Add(ExportMetricsServiceRequest request)
    {
        foreach (var resource in request.ResourceMetrics)
        {
            var service = ServiceName(resource.Resource);
            foreach (var scope in resource.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    var points = metric.DataCase switch
                    {
                        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(Number).ToList(),
                        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(Number).ToList(),
                        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => ((IReadOnlyDictionary<string, object?>)Attributes(p.Attributes), (double)p.Count)).ToList(),
                        _ => [],
                    };
                    _metrics.Enqueue(new MetricEntry(service, scope.Scope?.Name ?? "", metric.Name, points));
                }
            }
        }

        static (IReadOnlyDictionary<string, object?>, double) Number(NumberDataPoint point) =>
            (Attributes(point.Attributes), point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble);
    }

    private static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "";

    private static Dictionary<string, object?> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Value(g.Last().Value));

    private static object? Value(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(Value).ToList(),
        _ => null,
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset FromUnixNanoseconds(ulong nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks((long)(nanoseconds / 100));
}
