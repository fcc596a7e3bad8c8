using System.Collections.Concurrent;
using AspireAgents.Scaler.Configuration;
using AspireAgents.Scaler.Security;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Metadata;

/// <summary>
/// Remembers parsed triggers by metadata content, so each distinct metadata map is parsed once however often KEDA
/// sends it. Lookups compare content (order-independent, as KEDA's map order varies) without allocating; failures
/// are remembered too. Callers choose the maps, so the cache is capped by entries and by size
/// (<c>Scaler:Limits:MetadataCacheEntries</c>, <c>Scaler:Limits:MetadataCacheBytes</c>).
/// </summary>
public sealed class TriggerMetadataCache
{
    private readonly ConcurrentDictionary<int, Entry[]> _byHash = new();
    private readonly Lock _writeLock = new();
    private readonly OrganizationUrlPolicy _organizations;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;

    /// <summary>Creates a cache with the default limits and allow-list.</summary>
    public TriggerMetadataCache()
        : this(Options.Create(new ScalerOptions()))
    {
    }

    /// <summary>Creates a cache.</summary>
    /// <param name="options">The limits and the organisation allow-list.</param>
    public TriggerMetadataCache(IOptions<ScalerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _organizations = new OrganizationUrlPolicy(value.AllowedOrganizationHosts);
        _maxEntries = value.Limits.MetadataCacheEntries;
        _maxBytes = value.Limits.MetadataCacheBytes;
    }

    /// <summary>How many metadata maps are remembered.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The remembered maps' size in UTF-16 bytes of keys and values.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

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
            added = new Entry(snapshot, TriggerMetadataParser.Parse(snapshot, _organizations), null, SizeOf(snapshot));
        }
        catch (ScalerException ex)
        {
            added = new Entry(snapshot, null, ex, SizeOf(snapshot));
        }

        Remember(hash, added);
        return added.Trigger ?? throw Copy(added.Error!);
    }

    private void Remember(int hash, Entry added)
    {
        // One map bigger than the whole budget would evict everything and still not fit: parse it every time instead.
        if (added.Bytes > _maxBytes)
        {
            return;
        }

        lock (_writeLock)
        {
            // Starting over is cheap (parsing is fast) and keeps the bound exact without tracking recency.
            if (_count + 1 > _maxEntries || _bytes + added.Bytes > _maxBytes)
            {
                _byHash.Clear();
                _count = 0;
                _bytes = 0;
            }

            _byHash.AddOrUpdate(hash, static (_, e) => [e], static (_, existing, e) => [.. existing, e], added);
            _count++;
            _bytes += added.Bytes;
        }
    }

    private static ScalerException Copy(ScalerException error) => new(error.StatusCode, error.Message);

    private static long SizeOf(Dictionary<string, string> metadata)
    {
        long chars = 0;
        foreach (var (key, value) in metadata)
        {
            chars += key.Length + value.Length;
        }

        return chars * sizeof(char);
    }

    private static int ContentHash(IReadOnlyDictionary<string, string> metadata)
    {
        var hash = metadata.Count;
        foreach (var (key, value) in metadata)
        {
            hash += HashCode.Combine(key, value);
        }

        return hash;
    }

    private sealed record Entry(Dictionary<string, string> Metadata, AzurePipelinesTrigger? Trigger, ScalerException? Error, long Bytes)
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
