using System.Globalization;
using System.Text;
using AspireAgents.Planner.Planning;

namespace AspireAgents.Planner.Output;

/// <summary>The grid's outcomes as a Markdown table, the recommended row marked.</summary>
public static class PlanTable
{
    /// <summary>Renders the table, cheapest first.</summary>
    public static string Render(IReadOnlyList<PlanOutcome> outcomes, Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(recommendation);
        var text = new StringBuilder();
        text.AppendLine("| polling (s) | max | standby | wait p50 (s) | wait p95 (s) | executions | without a job | agent-minutes | cost ($) | |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var o in outcomes.OrderBy(o => Math.Round(o.Cost, 4)).ThenBy(o => o.WaitP95))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Settings.PollingIntervalSeconds:0.#} | {o.Settings.Scaling.MaxExecutions} | {o.Settings.Standby} | {o.WaitP50:0.0} | {o.WaitP95:0.0} | {o.Executions:0.#} | {o.ExecutionsWithoutJob:0.#} | {o.AgentMinutes:0.0} | {o.Cost:0.0000} | {(ReferenceEquals(o, recommendation.Outcome) ? "**recommended**" : "")} |"));
        }

        return text.ToString();
    }
}
