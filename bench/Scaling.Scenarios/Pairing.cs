using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using AspireAgents.Scaling;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>A KEDA scaling strategy and the scaler's <c>scaleOnInFlight</c> it runs with.</summary>
internal sealed record Pairing(KedaScalingStrategy Strategy, bool ScaleOnInFlight)
{
    /// <summary>Every strategy with both values of <c>scaleOnInFlight</c>, the documented pairings first.</summary>
    public static IReadOnlyList<Pairing> All { get; } =
    [
        new(KedaScalingStrategy.Default, true),
        new(KedaScalingStrategy.Default, false),
        new(KedaScalingStrategy.Accurate, false),
        new(KedaScalingStrategy.Accurate, true),
        new(KedaScalingStrategy.Eager, false),
        new(KedaScalingStrategy.Eager, true),
        new(KedaScalingStrategy.Custom, true),
        new(KedaScalingStrategy.Custom, false),
    ];

    /// <summary>Whether docs/scaling.md recommends this pairing (custom: neither, it depends on its parameters).</summary>
    public string Fit => (Strategy, ScaleOnInFlight) switch
    {
        (KedaScalingStrategy.Default, true) or (KedaScalingStrategy.Accurate, false) => "right",
        (KedaScalingStrategy.Default, false) => "under-scales",
        (KedaScalingStrategy.Accurate, true) or (KedaScalingStrategy.Eager, true) => "over-scales",
        (KedaScalingStrategy.Eager, false) => "fills free slots",
        _ => "depends on parameters",
    };

    /// <summary>Parses <c>accurate:false</c> (strategy, colon, scaleOnInFlight).</summary>
    public static Pairing Parse(string value)
    {
        var parts = value.Split(':', 2);
        if (parts.Length != 2 || !Enum.TryParse<KedaScalingStrategy>(parts[0], ignoreCase: true, out var strategy)
            || !bool.TryParse(parts[1], out var inFlight))
        {
            throw new ArgumentException($"'{value}' is not a pairing: write strategy:scaleOnInFlight, for example accurate:false.");
        }

        return new Pairing(strategy, inFlight);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Strategy.ToString().ToLowerInvariant()}:{ScaleOnInFlight.ToString().ToLowerInvariant()}");
}
