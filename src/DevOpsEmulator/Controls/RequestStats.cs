using System.Collections.Concurrent;

namespace AspireAgents.DevOpsEmulator.Controls;

/// <summary>Requests served, by <c>"METHOD route-template"</c>.</summary>
internal sealed class RequestStats
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string key) => _counts.AddOrUpdate(key, 1, static (_, count) => count + 1);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();
}
