namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>
/// A job demand as the service writes it: <c>name</c> (the capability exists), <c>name -equals value</c>
/// (case-insensitive), or <c>name -gtVersion x</c> (the capability's version is at least x).
/// </summary>
internal sealed record Demand(string Name, DemandKind Kind, string? Value)
{
    /// <summary>Parses one demand string.</summary>
    /// <exception cref="FormatException">The text is not one of the three forms.</exception>
    public static Demand Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            return new Demand(parts[0], DemandKind.Exists, null);
        }

        if (parts.Length >= 3)
        {
            var value = string.Join(' ', parts[2..]);
            if (parts[1].Equals("-equals", StringComparison.OrdinalIgnoreCase))
            {
                return new Demand(parts[0], DemandKind.EqualsValue, value);
            }

            if (parts[1].Equals("-gtVersion", StringComparison.OrdinalIgnoreCase))
            {
                return new Demand(parts[0], DemandKind.MinimumVersion, value);
            }
        }

        throw new FormatException(
            $"The demand '{text}' is not valid. Use 'name', 'name -equals value' or 'name -gtVersion version'.");
    }

    /// <summary>Whether an agent with these capabilities satisfies the demand.</summary>
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, string> capabilities)
    {
        if (!capabilities.TryGetValue(Name, out var actual))
        {
            return false;
        }

        return Kind switch
        {
            DemandKind.Exists => true,
            DemandKind.EqualsValue => string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase),
            DemandKind.MinimumVersion => CompareVersions(actual, Value!) >= 0,
            _ => false,
        };
    }

    /// <summary>Whether the capabilities satisfy every demand.</summary>
    public static bool AllSatisfied(IEnumerable<Demand> demands, IReadOnlyDictionary<string, string> capabilities) =>
        demands.All(demand => demand.IsSatisfiedBy(capabilities));

    private static int CompareVersions(string left, string right)
    {
        var a = NumericParts(left);
        var b = NumericParts(right);
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    private static long[] NumericParts(string version)
    {
        // "4.260.0-preview" compares as 4.260.0: the pre-release label is ignored.
        var core = version.Split('-', '+')[0];
        return [.. core.Split('.').Select(part => long.TryParse(part, out var n) ? n : 0)];
    }
}

/// <summary>The three demand forms.</summary>
internal enum DemandKind
{
    /// <summary><c>name</c></summary>
    Exists,

    /// <summary><c>name -equals value</c></summary>
    EqualsValue,

    /// <summary><c>name -gtVersion x</c></summary>
    MinimumVersion,
}
