using System.Collections.Concurrent;

namespace AspireAgents.Scaler.Metadata;

/// <summary>
/// Remembers parsed triggers by metadata content, so each distinct metadata map is parsed once however often KEDA
/// sends it. Lookups compare content (order-independent, as KEDA's map order varies) without allocating; failures
/// are remembered too.
/// </summary>
public sealed class TriggerMetadataCache
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<int, Entry[]> _byHash = new();
    private int _count;

    /// <summary>Returns the parsed trigger for <paramref name="metadata"/>, parsing it on first sight.</summary>
    /// <param name="metadata">The trigger metadata.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ScalerException">The metadata is invalid (the same message every time).</exception>
    public AzurePipelinesTrigger GetOrParse(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var hash = ContentHash(metadata);
        if (_byHash.TryGetValue(hash, out var bucket))
        {
            foreach (var entry in bucket)
            {
                if (entry.Matches(metadata))
                {
                    return entry.Trigger ?? throw Copy(entry.Error!);
                }
            }
        }

        var snapshot = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        Entry added;
        try
        {
            added = new Entry(snapshot, TriggerMetadataParser.Parse(snapshot), null);
        }
        catch (ScalerException ex)
        {
            added = new Entry(snapshot, null, ex);
        }

        if (Interlocked.Increment(ref _count) > MaxEntries)
        {
            _byHash.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _byHash.AddOrUpdate(hash, static (_, e) => [e], static (_, existing, e) => [.. existing, e], added);
        return added.Trigger ?? throw Copy(added.Error!);
    }

    private static ScalerException Copy(ScalerException error) => new(error.StatusCode, error.Message);

    private static int ContentHash(IReadOnlyDictionary<string, string> metadata)
    {
        var hash = metadata.Count;
        foreach (var (key, value) in metadata)
        {
            hash += HashCode.Combine(key, value);
        }

        return hash;
    }

    private sealed record Entry(Dictionary<string, string> Metadata, AzurePipelinesTrigger? Trigger, ScalerException? Error)
    {
        public bool Matches(IReadOnlyDictionary<string, string> metadata)
        {
            if (metadata.Count != Metadata.Count)
            {
                return false;
            }

            foreach (var (key, value) in metadata)
            {
                if (!Metadata.TryGetValue(key, out var known) || !string.Equals(known, value, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
