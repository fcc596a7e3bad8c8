using System.Globalization;
using System.Security;
using System.Text;
using AspireAgents.Planner.Planning;

namespace AspireAgents.Planner.Output;

/// <summary>
/// The grid's outcomes as one self-contained SVG: job wait p50 and p95 (y) against agent-minutes (bottom x axis) and
/// their cost (top x axis, the same scale since cost is agent time at a fixed rate), the target p95 as a dashed line and
/// the recommended setting ringed. Each point's tooltip names its setting. No script, no external reference.
/// </summary>
public static class PlanChart
{
    private const double Width = 860;
    private const double Height = 520;
    private const double Left = 70;
    private const double Right = 30;
    private const double Top = 60;
    private const double Bottom = 60;

    /// <summary>Renders the chart.</summary>
    /// <param name="outcomes">The grid's outcomes; at least one.</param>
    /// <param name="recommendation">The recommended setting and the target.</param>
    /// <param name="title">The chart's title.</param>
    /// <returns>The SVG document.</returns>
    public static string Render(IReadOnlyList<PlanOutcome> outcomes, Recommendation recommendation, string title)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(recommendation);
        var costPerMinute = outcomes.Max(o => o.AgentMinutes) > 0 ? outcomes.Max(o => o.Cost) / outcomes.Max(o => o.AgentMinutes) : 0;
        var xMax = NiceCeiling(outcomes.Max(o => o.AgentMinutes) * 1.05);
        var yMax = NiceCeiling(Math.Max(outcomes.Max(o => o.WaitP95), recommendation.TargetP95) * 1.1);
        double X(double minutes) => Left + (minutes / xMax * (Width - Left - Right));
        double Y(double seconds) => Height - Bottom - (seconds / yMax * (Height - Top - Bottom));

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<title>{Escape(title)}</title>");
        Append(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");

        foreach (var tick in Ticks(xMax))
        {
            Append(svg, $"<line x1=\"{X(tick):0.#}\" y1=\"{Top}\" x2=\"{X(tick):0.#}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>");
            Append(svg, $"<text x=\"{X(tick):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{tick:0.##}</text>");
            Append(svg, $"<text x=\"{X(tick):0.#}\" y=\"{Top - 6}\" text-anchor=\"middle\" fill=\"#555\">${tick * costPerMinute:0.####}</text>");
        }

        foreach (var tick in Ticks(yMax))
        {
            Append(svg, $"<line x1=\"{Left}\" y1=\"{Y(tick):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(tick):0.#}\" stroke=\"#eee\"/>");
            Append(svg, $"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\">{tick:0.##}</text>");
        }

        Append(svg, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333\"/>");
        Append(svg, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 20}\" text-anchor=\"middle\">agent-minutes (execution lifetimes summed)</text>");
        Append(svg, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Top - 24}\" text-anchor=\"middle\" fill=\"#555\">cost (USD)</text>");
        Append(svg, $"<text transform=\"translate(20 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">job wait (s)</text>");

        var target = Y(recommendation.TargetP95);
        Append(svg, $"<line x1=\"{Left}\" y1=\"{target:0.#}\" x2=\"{Width - Right}\" y2=\"{target:0.#}\" stroke=\"#c00\" stroke-dasharray=\"6 4\"/>");
        Append(svg, $"<text x=\"{Left + 4}\" y=\"{target - 5:0.#}\" fill=\"#c00\">target p95 {recommendation.TargetP95:0.#} s</text>");

        foreach (var o in outcomes)
        {
            var x = X(o.AgentMinutes);
            var tip = Escape(FormattableString.Invariant($"{o.Label}: wait p50 {o.WaitP50:0.0} s, p95 {o.WaitP95:0.0} s, {o.AgentMinutes:0.0} agent-minutes, ${o.Cost:0.0000}"));
            Append(svg, $"<g><title>{tip}</title>");
            Append(svg, $"<line x1=\"{x:0.#}\" y1=\"{Y(o.WaitP50):0.#}\" x2=\"{x:0.#}\" y2=\"{Y(o.WaitP95):0.#}\" stroke=\"#999\"/>");
            Append(svg, $"<circle class=\"p50\" cx=\"{x:0.#}\" cy=\"{Y(o.WaitP50):0.#}\" r=\"4\" fill=\"white\" stroke=\"#1f77b4\" stroke-width=\"2\"/>");
            Append(svg, $"<circle class=\"p95\" cx=\"{x:0.#}\" cy=\"{Y(o.WaitP95):0.#}\" r=\"4\" fill=\"#ff7f0e\"/>");
            Append(svg, "</g>");
        }

        var best = recommendation.Outcome;
        Append(svg, $"<circle cx=\"{X(best.AgentMinutes):0.#}\" cy=\"{Y(best.WaitP95):0.#}\" r=\"10\" fill=\"none\" stroke=\"#2ca02c\" stroke-width=\"2.5\"/>");
        Append(svg, $"<text x=\"{X(best.AgentMinutes) + 14:0.#}\" y=\"{Y(best.WaitP95) - 10:0.#}\" fill=\"#2ca02c\" font-weight=\"bold\">{Escape((recommendation.MeetsTarget ? "recommended: " : "lowest p95: ") + best.Label)}</text>");

        var legendY = Height - 8;
        Append(svg, $"<circle cx=\"{Left + 6}\" cy=\"{legendY - 4}\" r=\"4\" fill=\"white\" stroke=\"#1f77b4\" stroke-width=\"2\"/><text x=\"{Left + 14}\" y=\"{legendY}\">wait p50</text>");
        Append(svg, $"<circle cx=\"{Left + 86}\" cy=\"{legendY - 4}\" r=\"4\" fill=\"#ff7f0e\"/><text x=\"{Left + 94}\" y=\"{legendY}\">wait p95</text>");
        Append(svg, "</svg>");
        return svg.ToString();
    }

    private static IEnumerable<double> Ticks(double max)
    {
        var step = max / 5;
        for (var i = 0; i <= 5; i++)
        {
            yield return step * i;
        }
    }

    /// <summary>The next 1, 2, 2.5 or 5 × 10ⁿ at or above <paramref name="value"/>, so that five ticks fall on round numbers.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(candidate => candidate >= value);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static void Append(StringBuilder svg, FormattableString line) =>
        svg.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private static void Append(StringBuilder svg, string line) => svg.AppendLine(line);
}
