using System.Globalization;

namespace AspireAgents.Planner.Simulation;

/// <summary>
/// How long an execution takes from its creation until its agent is online and can take a job: a fixed time, a
/// measured list drawn from at random, or percentiles interpolated linearly.
/// </summary>
public sealed class StartTimeModel
{
    private readonly double[] _values;
    private readonly double[] _quantiles;

    private StartTimeModel(double[] values, double[] quantiles, string description)
    {
        _values = values;
        _quantiles = quantiles;
        Description = description;
    }

    /// <summary>What the model is, for the table's header.</summary>
    public string Description { get; }

    /// <summary>The median of the model.</summary>
    public double Median => _quantiles.Length == 0 ? _values[0] : Interpolate(0.5);

    /// <summary>Every execution takes <paramref name="seconds"/>.</summary>
    public static StartTimeModel Fixed(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        return new StartTimeModel([seconds], [], string.Create(CultureInfo.InvariantCulture, $"fixed {seconds:0.#} s"));
    }

    /// <summary>Each execution takes one of <paramref name="seconds"/>, drawn uniformly (a measured distribution).</summary>
    public static StartTimeModel Measured(IReadOnlyList<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        if (seconds.Count == 0 || seconds.Any(s => s < 0 || !double.IsFinite(s)))
        {
            throw new ArgumentException("A measured start-time model needs at least one start time, none negative.", nameof(seconds));
        }

        var sorted = seconds.Order().ToArray();
        return new StartTimeModel(sorted, [],
            string.Create(CultureInfo.InvariantCulture, $"measured, {sorted.Length} starts, median {sorted[sorted.Length / 2]:0.#} s, {sorted[0]:0.#}–{sorted[^1]:0.#} s"));
    }

    /// <summary>
    /// Start times given as percentiles, e.g. p50 12 s and p95 30 s: linear between the points, the lowest point's value
    /// below it and the highest's above it.
    /// </summary>
    /// <param name="points">(percentile 0–100, seconds) pairs, percentiles distinct, seconds not falling as percentiles rise.</param>
    public static StartTimeModel FromPercentiles(IReadOnlyList<(double Percentile, double Seconds)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.Percentile).ToArray();
        if (ordered.Length == 0
            || ordered.Any(p => p.Percentile is < 0 or > 100 || p.Seconds < 0)
            || ordered.Zip(ordered.Skip(1)).Any(pair => pair.First.Percentile == pair.Second.Percentile || pair.First.Seconds > pair.Second.Seconds))
        {
            throw new ArgumentException("Percentiles must be distinct, within 0–100, with seconds not negative and not falling as percentiles rise.", nameof(points));
        }

        return new StartTimeModel(
            [.. ordered.Select(p => p.Seconds)],
            [.. ordered.Select(p => p.Percentile / 100)],
            "percentiles " + string.Join(", ", ordered.Select(p => string.Create(CultureInfo.InvariantCulture, $"p{p.Percentile:0.#} {p.Seconds:0.#} s"))));
    }

    /// <summary>Draws one execution's start time.</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_values.Length == 1)
        {
            return _values[0];
        }

        return _quantiles.Length == 0 ? _values[random.Next(_values.Length)] : Interpolate(random.NextDouble());
    }

    private double Interpolate(double quantile)
    {
        if (quantile <= _quantiles[0])
        {
            return _values[0];
        }

        for (var i = 1; i < _quantiles.Length; i++)
        {
            if (quantile <= _quantiles[i])
            {
                var share = (quantile - _quantiles[i - 1]) / (_quantiles[i] - _quantiles[i - 1]);
                return _values[i - 1] + (share * (_values[i] - _values[i - 1]));
            }
        }

        return _values[^1];
    }
}
