using System.Collections.Concurrent;

namespace AspireAgents.Scaler.Telemetry;

/// <summary>
/// The last value per series of a gauge whose tags callers choose (scaled-object names, organisations, pools). At most
/// <see cref="MaxSeries"/> series are kept; values for further series go to one overflow series, so a caller inventing
/// names cannot grow memory or the metric's cardinality.
/// </summary>
/// <typeparam name="TKey">The series' tags.</typeparam>
/// <param name="overflow">The series that takes every value past the cap.</param>
internal sealed class CappedSeries<TKey>(TKey overflow)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, long> _values = new();
    private readonly Lock _addLock = new();

    /// <summary>How many series are kept besides the overflow series.</summary>
    public int MaxSeries { get; set; } = 500;

    /// <summary>The series that takes every value past the cap.</summary>
    public TKey Overflow { get; } = overflow;

    /// <summary>How many series there are, the overflow series included.</summary>
    public int Count => _values.Count;

    /// <summary>The kept values.</summary>
    public IEnumerable<KeyValuePair<TKey, long>> Values => _values;

    /// <summary>Sets the series' last value, or the overflow series' when the cap is reached.</summary>
    /// <param name="key">The series.</param>
    /// <param name="value">The value.</param>
    public void Set(TKey key, long value)
    {
        if (_values.ContainsKey(key))
        {
            _values[key] = value;
            return;
        }

        lock (_addLock)
        {
            var kept = _values.Count - (_values.ContainsKey(Overflow) ? 1 : 0);
            _values[kept < MaxSeries ? key : Overflow] = value;
        }
    }

    /// <summary>Forgets every series.</summary>
    public void Clear() => _values.Clear();
}
