using System.Diagnostics;

namespace AspireAgents.Observability.Tests.Infrastructure;

/// <summary>A span as the dashboard would show it, from OTLP or from the in-memory exporter.</summary>
/// <param name="Service">The <c>service.name</c> of the process that recorded it.</param>
/// <param name="Scope">The instrumentation scope: the <see cref="ActivitySource"/> name.</param>
/// <param name="TraceId">The trace id, lower-case hex.</param>
/// <param name="SpanId">The span id, lower-case hex.</param>
/// <param name="ParentSpanId">The parent's span id, or <see langword="null"/> for a root.</param>
/// <param name="Name">The span name.</param>
/// <param name="Kind">OTLP's span kind: 1 internal, 2 server, 3 client.</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended.</param>
/// <param name="Attributes">Its attributes (strings, longs, doubles, booleans).</param>
/// <param name="Links">Its links.</param>
/// <param name="Events">Its events' names.</param>
/// <param name="IsError">Whether its status is error.</param>
public sealed record SpanRecord(
    string Service,
    string Scope,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<LinkRecord> Links,
    IReadOnlyList<string> Events,
    bool IsError)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Client = 3;

    /// <summary>The attribute, or <see langword="null"/>.</summary>
    public object? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    /// <summary>A whole-number attribute, whatever integer type recorded it.</summary>
    public long? Long(string attribute) => this[attribute] switch
    {
        null => null,
        string text => long.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A number attribute.</summary>
    public double? Double(string attribute) => this[attribute] is { } value ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public override string ToString() => $"{Service}/{Scope}: {Name} ({SpanId} under {ParentSpanId ?? "none"})";

    /// <summary>An in-process span, as the in-memory exporter holds it.</summary>
    public static SpanRecord From(Activity activity, string service) => new(
        service,
        activity.Source.Name,
        activity.TraceId.ToHexString(),
        activity.SpanId.ToHexString(),
        activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
        activity.DisplayName,
        activity.Kind switch { ActivityKind.Server => Server, ActivityKind.Client => Client, ActivityKind.Producer => 4, ActivityKind.Consumer => 5, _ => Internal },
        activity.StartTimeUtc,
        activity.StartTimeUtc + activity.Duration,
        activity.TagObjects.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        [.. activity.Links.Select(l => new LinkRecord(l.Context.TraceId.ToHexString(), l.Context.SpanId.ToHexString(),
            (l.Tags ?? []).ToDictionary(t => t.Key, t => t.Value)))],
        [.. activity.Events.Select(e => e.Name)],
        activity.Status == ActivityStatusCode.Error);
}

/// <summary>A span link.</summary>
/// <param name="TraceId">The linked span's trace id, hex.</param>
/// <param name="SpanId">The linked span's id, hex.</param>
/// <param name="Attributes">The link's attributes.</param>
public sealed record LinkRecord(string TraceId, string SpanId, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>A log record with the span it was written in.</summary>
/// <param name="Service">The <c>service.name</c>.</param>
/// <param name="Category">The logger's category (the instrumentation scope).</param>
/// <param name="TraceId">The trace id, hex, or empty.</param>
/// <param name="SpanId">The span id, hex, or empty.</param>
/// <param name="Message">The formatted message (the body).</param>
public sealed record LogEntry(string Service, string Category, string TraceId, string SpanId, string Message);

/// <summary>A metric as one export carried it.</summary>
/// <param name="Service">The <c>service.name</c>.</param>
/// <param name="Meter">The meter (the instrumentation scope).</param>
/// <param name="Name">The instrument's name.</param>
/// <param name="Points">Each data point's attributes and value (a histogram's: its count).</param>
public sealed record MetricEntry(string Service, string Meter, string Name, IReadOnlyList<(IReadOnlyDictionary<string, object?> Attributes, double Value)> Points);
