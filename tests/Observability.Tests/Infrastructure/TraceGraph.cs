namespace AspireAgents.Observability.Tests.Infrastructure;

/// <summary>Spans from every source, one per span id, navigable as the dashboard's trace view is.</summary>
public sealed class TraceGraph
{
    private readonly Dictionary<string, SpanRecord> _byId;
    private readonly ILookup<string, SpanRecord> _byParent;

    public TraceGraph(IEnumerable<SpanRecord> spans)
    {
        _byId = [];
        foreach (var span in spans)
        {
            _byId.TryAdd(span.SpanId, span);
        }

        _byParent = _byId.Values.Where(s => s.ParentSpanId is not null).ToLookup(s => s.ParentSpanId!);
    }

    public IEnumerable<SpanRecord> All => _byId.Values;

    public SpanRecord? Parent(SpanRecord span) => span.ParentSpanId is { } id && _byId.TryGetValue(id, out var parent) ? parent : null;

    public IEnumerable<SpanRecord> Children(SpanRecord span) => _byParent[span.SpanId].OrderBy(s => s.Start);

    public IEnumerable<SpanRecord> Descendants(SpanRecord span)
    {
        foreach (var child in Children(span))
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    public bool Contains(string spanId) => _byId.ContainsKey(spanId);
}
