using System.CommandLine.Parsing;
using System.Globalization;

namespace AspireAgents.Planner.Cli;

/// <summary>Parses the comma-separated values of the grid options, with messages that name the option and the value.</summary>
internal static class ListParsers
{
    /// <summary>Numbers, each at least <paramref name="minimum"/>; whole numbers when <paramref name="whole"/>.</summary>
    public static double[] Numbers(ArgumentResult result, double minimum, bool whole)
    {
        var option = OptionName(result);
        var text = string.Join(',', result.Tokens.Select(t => t.Value));
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)
                || (whole && value != Math.Floor(value)) || value < minimum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{option} '{part}' is not {(whole ? "a whole number" : "a number")} of at least {minimum}: write one or more, comma-separated, e.g. {option} {(whole ? "5,10,20" : "5,30")}."));
                return [];
            }

            values.Add(value);
        }

        return [.. values.Distinct()];
    }

    /// <summary><c>percentile:seconds</c> pairs, e.g. <c>50:12,95:30</c>.</summary>
    public static (double Percentile, double Seconds)[] Percentiles(ArgumentResult result)
    {
        var option = OptionName(result);
        var pairs = new List<(double, double)>();
        foreach (var part in string.Join(',', result.Tokens.Select(t => t.Value)).Split(',', StringSplitOptions.TrimEntries))
        {
            var halves = part.Split(':', 2);
            if (halves.Length != 2
                || !double.TryParse(halves[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var percentile)
                || !double.TryParse(halves[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || percentile is < 0 or > 100 || seconds < 0)
            {
                result.AddError($"{option} '{part}' is not percentile:seconds (percentile 0–100, seconds not negative), e.g. {option} 50:12,95:30.");
                return [];
            }

            pairs.Add((percentile, seconds));
        }

        return [.. pairs];
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : "the value";
}
