using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Chaos;

/// <summary>Injects one fault into the running AppHost for its time, and ends it.</summary>
internal static class Faults
{
    /// <param name="kind">The fault.</param>
    /// <param name="host">The AppHost.</param>
    /// <param name="options">How long and how hard.</param>
    /// <param name="jobs">The phase's jobs: kill faults last while one of them may still be caught at its stage.</param>
    /// <param name="cancellationToken">Ends the fault early.</param>
    public static async Task<FaultWindow> ApplyAsync(FaultKind kind, ChaosHost host, ChaosOptions options, IReadOnlySet<long> jobs, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow;
        var duration = TimeSpan.FromSeconds(options.FaultSeconds);
        IReadOnlyList<Kill> kills = [];
        switch (kind)
        {
            case FaultKind.KillMidJob:
            case FaultKind.KillMidRegistration:
                // However slow executions start on a loaded machine: until enough are killed or the phase's jobs have all ended.
                kills = await KillExecutionsAsync(kind, host, options.Kills, jobs, start + TimeSpan.FromSeconds(options.PhaseDeadlineSeconds), cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.ScalerRestart:
                await ScalerOutageAsync(host, duration, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // The fault starts once a decision has counted the phase's jobs: the Scaler serves its last good answer
                // for a while when Azure DevOps fails (docs/scaler.md), so a fault that began before any read saw the jobs
                // would measure that answer's age, not what the fault does to a known queue.
                var queued = host.Observer.Decisions.Count;
                await AppHostHarness.Waiting.TryUntilAsync(
                    () => Task.FromResult(host.Observer.Decisions.Skip(queued).Any(d => d.QueueLength > 0)),
                    TimeSpan.FromSeconds(options.PhaseDeadlineSeconds), cancellationToken).ConfigureAwait(false);
                start = DateTimeOffset.UtcNow;
                await host.Emulator.AddFaultAsync(ServiceFault(kind, options), cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await host.Emulator.ClearFaultsAsync(CancellationToken.None).ConfigureAwait(false);
                }

                break;
        }

        return new FaultWindow(kind, start, DateTimeOffset.UtcNow, kills);
    }

    /// <summary>
    /// The emulator's fault for an Azure DevOps storm. 429, 503 and 203 hit the Scaler's reads of the queue (GET
    /// jobrequests; agents only PATCH theirs), which is what the Scaler must ride out; slow answers hold every request,
    /// agents' included, as a slow service does.
    /// </summary>
    private static object ServiceFault(FaultKind kind, ChaosOptions options) => kind switch
    {
        FaultKind.Throttled => new { status = 429, retryAfterSeconds = options.RetryAfterSeconds, pathPattern = "*/jobrequests*", method = "GET" },
        FaultKind.Unavailable => new { status = 503, pathPattern = "*/jobrequests*", method = "GET" },
        FaultKind.SignInPage => new { status = 203, pathPattern = "*/jobrequests*", method = "GET" },
        FaultKind.SlowAnswers => new { delayMilliseconds = options.SlowAnswerMilliseconds, pathPattern = "*" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an Azure DevOps fault"),
    };

    /// <summary>
    /// The Scaler's stop command, as from the dashboard; if its process does not end within DCP's wait (a loaded machine,
    /// connections held open), a kill, as ACA kills a replica after its grace period. Started again after the fault's time.
    /// </summary>
    private static async Task ScalerOutageAsync(ChaosHost host, TimeSpan duration, CancellationToken cancellationToken)
    {
        var commands = host.App.ResourceCommands;
        var pid = host.Observer.ProcessId(ChaosHost.ScalerName);
        var stop = await commands.ExecuteCommandAsync(ChaosHost.ScalerName, KnownResourceCommands.StopCommand, cancellationToken).ConfigureAwait(false);
        if (!stop.Success && pid is { } scaler)
        {
            ProcessTree.KillReplica(scaler, ChaosHost.ScalerName);
        }

        await AppHostHarness.Waiting.UntilAsync(() => host.Observer.State(ChaosHost.ScalerName) != KnownResourceStates.Running,
            TimeSpan.FromMinutes(1), "the Scaler to stop", cancellationToken).ConfigureAwait(false);
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        var started = await commands.ExecuteCommandAsync(ChaosHost.ScalerName, KnownResourceCommands.StartCommand, cancellationToken).ConfigureAwait(false);
        if (!started.Success)
        {
            throw new InvalidOperationException($"The Scaler did not start again: {started.Message}");
        }

        await AppHostHarness.Waiting.UntilAsync(() => host.Observer.State(ChaosHost.ScalerName) == KnownResourceStates.Running,
            TimeSpan.FromMinutes(2), "the Scaler to run again", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills up to <paramref name="count"/> executions at the fault's stage before <paramref name="until"/>, while a job of
    /// the phase has not ended: mid-job once the emulator shows their agent has received its job, mid-registration while
    /// their <c>config.sh</c> runs.
    /// </summary>
    private static async Task<IReadOnlyList<Kill>> KillExecutionsAsync(
        FaultKind kind, ChaosHost host, int count, IReadOnlySet<long> phaseJobs, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var kills = new List<Kill>();
        IReadOnlyList<TaskAgentJobRequest> jobs = [];
        var read = DateTimeOffset.MinValue;
        while (kills.Count < count && DateTimeOffset.UtcNow < until)
        {
            // The job list once a quarter second: registration is watched far more often than that.
            if (DateTimeOffset.UtcNow - read > TimeSpan.FromMilliseconds(250))
            {
                jobs = await host.Emulator.JobRequestsAsync(cancellationToken).ConfigureAwait(false);
                read = DateTimeOffset.UtcNow;
                if (jobs.Where(j => phaseJobs.Contains(j.RequestId)).All(j => j.FinishTime is not null))
                {
                    break;
                }
            }

            var running = host.Observer.AgentExecutions
                .Where(e => e.ProcessId is not null && e.Stopped is null && kills.All(k => k.Execution != e.Name))
                .ToList();
            if (kind == FaultKind.KillMidJob)
            {
                foreach (var job in jobs.Where(j => j.ReceiveTime is not null && j.FinishTime is null && j.ReservedAgent is not null))
                {
                    if (kills.Count < count && running.FirstOrDefault(e => e.Name == job.ReservedAgent!.Name) is { } execution)
                    {
                        ProcessTree.KillReplica(execution.ProcessId!.Value, execution.Name);
                        kills.Add(new Kill(execution.Name, job.RequestId, DateTimeOffset.UtcNow));
                    }
                }
            }
            else if (running.Count > 0)
            {
                var processes = ProcessTree.Read();
                foreach (var execution in running)
                {
                    if (kills.Count < count && processes.Under(execution.ProcessId!.Value).Any(p => p.CommandLine.Contains("config.sh", StringComparison.Ordinal)))
                    {
                        ProcessTree.KillReplica(execution.ProcessId!.Value, execution.Name);
                        kills.Add(new Kill(execution.Name, null, DateTimeOffset.UtcNow));
                    }
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }

        return kills;
    }
}
