using System.Globalization;
using System.Text;
using AspireAgents.Planner.Planning;
using AspireAgents.Planner.Records;

namespace AspireAgents.Planner.Output;

/// <summary>A recorded run's measurements next to the planner's prediction of them.</summary>
public static class RunComparison
{
    /// <summary>The relative difference of a prediction from a measurement, e.g. 0.12 for 12 % off.</summary>
    public static double Error(double predicted, double measured) =>
        measured == 0 ? (predicted == 0 ? 0 : double.PositiveInfinity) : Math.Abs(predicted - measured) / measured;

    /// <summary>Renders the comparison as a Markdown table.</summary>
    public static string Render(RecordedRun run, PlanOutcome predicted)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(predicted);
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Replay of the recorded run (polling {run.PollingIntervalSeconds:0.#} s, max {run.MaxExecutions}, standby {run.Standby}, {run.Strategy}, scaleOnInFlight {run.ScaleOnInFlight}; start time {predicted.Settings.StartTime.Description}):"));
        text.AppendLine();
        text.AppendLine("| | measured | predicted | difference |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, "job wait p50 (s)", run.WaitP50, predicted.WaitP50);
        Row(text, "job wait p95 (s)", run.WaitP95, predicted.WaitP95);
        Row(text, "executions", run.Executions, predicted.Executions);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, double measured, double predicted) =>
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {measured:0.0} | {predicted:0.0} | {(predicted - measured) / measured:+0%;-0%;0%} |"));
}
