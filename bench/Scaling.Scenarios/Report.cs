using AspireAgents.AppHostHarness;
using System.Globalization;
using System.Text;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>The results as Markdown tables, and each pairing's timeline and decisions as CSV.</summary>
internal static class Report
{
    public static string Markdown(ScenarioOptions options, IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        Line(text, $"{options.Jobs} runs of `hello` × {options.DurationSeconds} s, max executions {options.MaxExecutions}, polling {options.PollingIntervalSeconds} s, replica timeout {options.ReplicaTimeoutSeconds} s, custom = deduction {options.CustomDeduction}, percentage {options.CustomPercentage.ToString(CultureInfo.InvariantCulture)}. Ideal makespan {options.IdealMakespan.TotalSeconds:0} s.");
        Line(text, "");
        Line(text, "| strategy | scaleOnInFlight | pairing | makespan (s) | × ideal | executions started | got no job | max concurrent | queue wait p50 (s) | p95 (s) |");
        Line(text, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Line(text, $"| {Strategy(r)} | {r.Pairing.ScaleOnInFlight.ToString().ToLowerInvariant()} | {r.Pairing.Fit} | {Seconds(r.Makespan)} | {(r.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {r.ExecutionsStarted} | {r.ExecutionsWithoutJob} | {r.MaxConcurrentExecutions} | {r.QueueWaitP50:0.0} | {r.QueueWaitP95:0.0} |");
        }

        Line(text, "");
        Line(text, "| strategy | scaleOnInFlight | jobs succeeded | timed out | agents online (max) | execution start → job, p50 (s) | execution time (s) | of which without a job (s) | load average (mean) |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Line(text, $"| {Strategy(r)} | {r.Pairing.ScaleOnInFlight.ToString().ToLowerInvariant()} | {r.JobsSucceeded}/{r.Jobs}{(r.Complete ? "" : " (incomplete)")} | {r.ExecutionsTimedOut} | {r.AgentsOnlineMax} | {r.ExecutionToJobP50:0.0} | {r.ExecutionSeconds:0} | {r.ExecutionSecondsWithoutJob:0} | {(r.LoadMean is { } load ? load.ToString("0.0", CultureInfo.InvariantCulture) : "–")} |");
        }

        Line(text, "");
        Line(text, "| strategy | scaleOnInFlight | standby | queue wait p50 (s) | p95 (s) | makespan (s) | × ideal | got no job | idle agent-minutes during the burst |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Line(text, $"| {Strategy(r)} | {r.Pairing.ScaleOnInFlight.ToString().ToLowerInvariant()} | {r.Standby} | {r.QueueWaitP50:0.0} | {r.QueueWaitP95:0.0} | {Seconds(r.Makespan)} | {(r.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {r.ExecutionsWithoutJob} | {r.IdleAgentSeconds / 60:0.0} |");
        }

        return text.ToString();
    }

    public static async Task WriteAsync(string directory, ScenarioOptions options, IReadOnlyList<ScenarioResult> results, string header)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "results.md"), header + Environment.NewLine + Markdown(options, results)).ConfigureAwait(false);
        foreach (var r in results)
        {
            var name = r.Pairing.ToString().Replace(':', '-') + (r.Standby > 0 ? $"-standby{r.Standby}" : "");
            await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.timeline.csv"), Timeline.Csv(r.Timeline)).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.decisions.csv"), Decisions(r)).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.jobs.csv"), Jobs(r)).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.executions.csv"), Executions(r)).ConfigureAwait(false);
        }
    }

    /// <summary>Each polling interval: seconds from the first job queued, queue length, running, pending, started.</summary>
    private static string Decisions(ScenarioResult result) =>
        "seconds,queue_length,running,pending,started,reason\n" + string.Concat(result.Decisions
            .Where(d => d.At >= result.Origin - TimeSpan.FromSeconds(10))
            .Select(d => string.Create(CultureInfo.InvariantCulture,
                $"{(d.At - result.Origin).TotalSeconds:0.0},{d.QueueLength},{d.Running},{d.Pending},{d.Started},\"{d.Reason}\"\n")));

    /// <summary>Each job request: seconds from the first job queued to its queue, receive and finish times.</summary>
    private static string Jobs(ScenarioResult result) =>
        "request,queued,received,finished,result,agent\n" + string.Concat(result.Requests.OrderBy(r => r.RequestId)
            .Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.RequestId},{Offset(result, r.QueueTime)},{Offset(result, r.ReceiveTime)},{Offset(result, r.FinishTime)},{r.Result},{r.ReservedAgent?.Name}\n")));

    /// <summary>Each execution: seconds from the first job queued to its creation, process start and end.</summary>
    private static string Executions(ScenarioResult result) =>
        "execution,created,started,stopped,outcome\n" + string.Concat(result.Executions.OrderBy(e => e.Created)
            .Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Name},{Offset(result, e.Created)},{Offset(result, e.Started)},{Offset(result, e.Stopped)},{e.Outcome}\n")));

    private static string Offset(ScenarioResult result, DateTimeOffset? time) =>
        time is { } t ? (t - result.Origin).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "";

    private static string Offset(ScenarioResult result, DateTime? time) =>
        Offset(result, time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null);

    private static string Strategy(ScenarioResult result) => result.Pairing.Strategy.ToString().ToLowerInvariant();

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(FormattableString.Invariant(line));

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
