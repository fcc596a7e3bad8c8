using Aspire.Hosting.JobEmulation;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Chaos;

/// <summary>
/// The faults one after another on one AppHost: each phase queues its jobs, injects its fault for its time, ends it
/// and waits for the jobs to end; then the executions drain, the maintenance job runs once and the pool is read.
/// </summary>
public static class ChaosSuite
{
    private const int Pipeline = 1;

    public static async Task<SuiteResult> RunAsync(ChaosOptions options, string? logPath, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var host = await ChaosHost.StartAsync(options, logPath, cancellationToken).ConfigureAwait(false);
        var phases = new List<(FaultWindow Fault, HashSet<long> Jobs, DateTimeOffset Start)>();
        long lastRequest = 0;
        foreach (var kind in options.Faults)
        {
            var start = DateTimeOffset.UtcNow;
            var duration = kind == FaultKind.KillMidJob ? options.KillJobSeconds : options.JobSeconds;
            for (var i = 0; i < options.JobsPerFault; i++)
            {
                await host.Emulator.QueueRunAsync(Pipeline, duration, cancellationToken).ConfigureAwait(false);
            }

            var jobs = (await host.Emulator.JobRequestsAsync(cancellationToken).ConfigureAwait(false))
                .Select(j => j.RequestId).Where(id => id > lastRequest).ToHashSet();
            lastRequest = jobs.Count > 0 ? jobs.Max() : lastRequest;
            var fault = await Faults.ApplyAsync(kind, host, options, jobs, cancellationToken).ConfigureAwait(false);
            var ended = await AppHostHarness.Waiting.TryUntilAsync(
                async () => (await host.Emulator.JobRequestsAsync(cancellationToken).ConfigureAwait(false))
                    .Where(j => jobs.Contains(j.RequestId)).All(j => j.FinishTime is not null),
                TimeSpan.FromSeconds(options.PhaseDeadlineSeconds), cancellationToken).ConfigureAwait(false);
            progress(FormattableString.Invariant($"{kind}: {fault.Kills.Count} killed, jobs {(ended ? "ended" : "NOT ALL ENDED")} {(DateTimeOffset.UtcNow - fault.End).TotalSeconds:0.0} s after the fault"));
            phases.Add((fault, jobs, start));
        }

        // A decision read just before the last job ended may still start executions: let it, then drain.
        await Task.Delay(TimeSpan.FromSeconds(options.PollingIntervalSeconds + 2), cancellationToken).ConfigureAwait(false);
        var drained = await host.DrainAsync(options, cancellationToken).ConfigureAwait(false);
        var maintenance = await MaintenanceRun.RunOnceAsync(host, cancellationToken).ConfigureAwait(false);
        var agents = await host.Emulator.AgentsAsync(cancellationToken).ConfigureAwait(false);
        var requests = await host.Emulator.JobRequestsAsync(cancellationToken).ConfigureAwait(false);

        var executions = host.Observer.AgentExecutions;
        var decisions = host.Observer.Decisions;
        var timeline = host.Timeline.Samples;
        var killed = phases.SelectMany(p => p.Fault.Kills).Select(k => k.Execution).ToList();
        var withJob = requests.Where(r => r.ReservedAgent is not null).GroupBy(r => r.ReservedAgent!.Name).ToList();
        return new SuiteResult
        {
            Options = options,
            Phases = [.. phases.Select((p, i) => PhaseResult.Measure(
                p.Fault, [.. requests.Where(r => p.Jobs.Contains(r.RequestId))], decisions, timeline, executions,
                p.Start, i + 1 < phases.Count ? phases[i + 1].Start : DateTimeOffset.MaxValue))],
            AgentsWithTwoJobs = withJob.Count(g => g.Count() > 1),
            MaxConcurrentExecutions = host.Observer.JobCounter(ContainerAppJobProperties.MaxConcurrent),
            ExecutionsStarted = executions.Count,
            ExecutionsWithoutJob = executions.Count(e => !killed.Contains(e.Name) && withJob.All(g => g.Key != e.Name)),
            Maintenance = maintenance,
            LeftoverAgents = [.. agents.Where(a => a.Name != AppHostHarness.EmulatorClient.PlaceholderAgent).Select(a => a.Name)],
            PlaceholderPresent = agents.Any(a => a.Name == AppHostHarness.EmulatorClient.PlaceholderAgent),
            KilledExecutions = killed,
            Drained = drained,
            Timeline = timeline,
            Decisions = decisions,
            Origin = host.Origin,
        };
    }
}
