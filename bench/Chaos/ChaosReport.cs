using System.Globalization;
using System.Text;
using AspireAgents.AppHostHarness;

namespace AspireAgents.Chaos;

/// <summary>The suite's and the soak's figures as Markdown tables.</summary>
public static class ChaosReport
{
    public static string Markdown(SuiteResult? suite, SoakResult? soak)
    {
        var text = new StringBuilder();
        if (suite is not null)
        {
            var o = suite.Options;
            Line(text, $"Each phase: {o.JobsPerFault} runs of `hello` × {o.JobSeconds} s (kill mid-job: {o.KillJobSeconds} s), fault {o.FaultSeconds} s (kills: up to {o.Kills}), max executions {o.MaxExecutions}, polling {o.PollingIntervalSeconds} s, job lock {o.JobLockSeconds} s, silent session {o.SessionIdleSeconds} s.");
            Line(text, "");
            Line(text, "| fault | killed | jobs | succeeded | ended where killed | lost | failed otherwise | decisions during fault | of them no answer | answered 0 with jobs queued | max wait after fault (s) | recovery (s) | drained (s) | executions |");
            Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in suite.Phases)
            {
                Line(text, $"| {p.Fault.Kind} | {p.Fault.Kills.Count} | {p.Jobs} | {p.Succeeded} | {p.EndedWhereKilled} | {p.Lost} | {p.FailedElsewhere + p.KilledButSucceeded} | {p.Decisions} | {p.DecisionsWithoutAnswer} | {p.ZeroAnswersForQueuedJobs} | {p.MaxWaitAfterFault:0.0} | {p.RecoverySeconds:0.0} | {p.DrainSeconds:0.0} | {p.ExecutionsStarted} |");
            }

            Line(text, "");
            Line(text, $"Across the phases: {suite.ExecutionsStarted} executions, at most {suite.MaxConcurrentExecutions} at once (max {o.MaxExecutions}); {suite.ExecutionsWithoutJob} found no job ({suite.ShareWithoutJob:P1}), killed ones aside; agents that ran two jobs: {suite.AgentsWithTwoJobs}.");
            Line(text, $"Maintenance run: {suite.Maintenance ?? "none (the AppHost has no maintenance job)"}; agents left besides the placeholder: {suite.LeftoverAgents.Count} (executions killed: {suite.KilledExecutions.Count}).");
            var violations = suite.Violations();
            Line(text, $"Checks: {(violations.Count == 0 ? "all hold" : string.Join("; ", violations))}.");
        }

        if (soak is not null)
        {
            Line(text, "");
            Line(text, $"Soak: {soak.Jobs} runs of 1–2 s queued at {soak.Options.SoakJobsPerSecond:0.##}/s, max executions {soak.Options.MaxExecutions}, polling {soak.Options.PollingIntervalSeconds} s; {soak.Succeeded} succeeded, {soak.NotSucceeded} did not{(soak.Ended ? "" : " (NOT ALL ENDED)")}, in {soak.Duration.TotalSeconds:0} s; {soak.ExecutionsStarted} executions, at most {soak.MaxConcurrentExecutions} at once; agents left besides the placeholder: {soak.LeftoverAgents}.");
            Line(text, "");
            Line(text, "| memory (MiB) | start | end | peak |");
            Line(text, "|---|---:|---:|---:|");
            Line(text, $"| AppHost working set (with the suite, in one process) | {MiB(soak.Start.AppHost)} | {MiB(soak.End.AppHost)} | {MiB(soak.Peak.AppHost)} |");
            Line(text, $"| AppHost's live managed heap (after a full GC) | {MiB(soak.Start.AppHostLiveHeap)} | {MiB(soak.End.AppHostLiveHeap)} | {MiB(soak.Peak.AppHostLiveHeap)} |");
            Line(text, $"| Scaler working set | {MiB(soak.Start.Scaler)} | {MiB(soak.End.Scaler)} | {MiB(soak.Peak.Scaler)} |");
            Line(text, $"| emulator working set | {MiB(soak.Start.Emulator)} | {MiB(soak.End.Emulator)} | {MiB(soak.Peak.Emulator)} |");
            Line(text, "");
            Line(text, $"Azure DevOps requests per polling interval: {soak.RequestsPerInterval:0.0} in all (agents' included), {soak.QueueReadsPerInterval:0.00} queue reads (GET jobrequests).");
        }

        return text.ToString();
    }

    public static async Task WriteAsync(string directory, string header, SuiteResult? suite, SoakResult? soak)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "results.md"), header + Environment.NewLine + Markdown(suite, soak)).ConfigureAwait(false);
        if (suite is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "faults.timeline.csv"), Timeline.Csv(suite.Timeline)).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, "faults.windows.csv"), "fault,start,end,kills\n" + string.Concat(suite.Phases.Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Fault.Kind},{(p.Fault.Start - suite.Origin).TotalSeconds:0.0},{(p.Fault.End - suite.Origin).TotalSeconds:0.0},{string.Join(' ', p.Fault.Kills.Select(k => k.Execution))}\n")))).ConfigureAwait(false);
        }

        if (soak is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "soak.timeline.csv"), Timeline.Csv(soak.Timeline)).ConfigureAwait(false);
        }
    }

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(FormattableString.Invariant(line));

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
