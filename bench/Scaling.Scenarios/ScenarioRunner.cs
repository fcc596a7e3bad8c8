using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using AspireAgents.AppHostHarness;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>
/// One pairing: starts the real AppHost with the pairing's settings, queues the runs through the emulator's
/// pipelines API, waits until every job has finished and every execution has ended, and measures.
/// </summary>
internal static class ScenarioRunner
{
    private const string JobName = "agents";
    private const int Pipeline = 1;

    /// <summary>How long the jobs may take before the scenario gives up on them.</summary>
    private static readonly TimeSpan JobsDeadline = TimeSpan.FromMinutes(20);

    public static async Task<ScenarioResult> RunAsync(Pairing pairing, ScenarioOptions options, string? logPath, CancellationToken cancellationToken)
    {
        using var launch = await AppHostLaunch.CreateAsync(
        [
            $"Agents:MaxExecutions={options.MaxExecutions}",
            $"Agents:PollingIntervalSeconds={options.PollingIntervalSeconds}",
            $"Agents:ReplicaTimeoutSeconds={options.ReplicaTimeoutSeconds}",
            // Custom needs its parameters, which appsettings cannot give: set below on the model.
            $"Agents:ScalingStrategy={(pairing.Strategy == KedaScalingStrategy.Custom ? KedaScalingStrategy.Default : pairing.Strategy)}",
            $"Agents:ScaleOnInFlight={pairing.ScaleOnInFlight}",
            $"Agents:StandbyAgents={options.Standby}",
            $"Agents:IdleTimeoutSeconds={options.IdleTimeoutSeconds}",
        ], logPath, cancellationToken).ConfigureAwait(false);
        var builder = launch.Builder;
        if (pairing.Strategy == KedaScalingStrategy.Custom)
        {
            var job = builder.Resources.OfType<ContainerAppJobResource>().Single(j => j.Name == JobName);
            builder.CreateResourceBuilder(job).WithScalingStrategy(KedaScalingStrategy.Custom, options.CustomDeduction, options.CustomPercentage);
        }

        await using var app = await builder.BuildAsync(cancellationToken).ConfigureAwait(false);
        var observer = new AppHostObserver(JobName);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = observer.WatchAsync(app.ResourceNotifications, watching.Token);
        using var emulator = new EmulatorClient(launch.EmulatorPort);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await Waiting.UntilAsync(() => observer.JobState == "Polling", TimeSpan.FromMinutes(5), "the agent job to poll", cancellationToken).ConfigureAwait(false);
            if (options.Standby > 0 && !await Waiting.TryUntilAsync(async () => IdleAgents(await emulator.AgentsAsync(cancellationToken).ConfigureAwait(false)) >= options.Standby,
                    TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false))
            {
                throw new TimeoutException($"Waited 5 min for {options.Standby} standby agents to be online.");
            }

            var origin = DateTimeOffset.UtcNow;
            var timeline = new Timeline(emulator, observer);
            var sampling = timeline.RunAsync(origin, watching.Token);
            for (var i = 0; i < options.Jobs; i++)
            {
                await emulator.QueueRunAsync(Pipeline, options.DurationSeconds, cancellationToken).ConfigureAwait(false);
            }

            var finished = await Waiting.TryUntilAsync(
                async () => (await emulator.StatsAsync(cancellationToken).ConfigureAwait(false)).Finished >= options.Jobs,
                JobsDeadline, cancellationToken).ConfigureAwait(false);

            // A decision read just before the last job finished may still start executions: let it, then drain.
            await Task.Delay(TimeSpan.FromSeconds(options.PollingIntervalSeconds + 2), cancellationToken).ConfigureAwait(false);
            var drainDeadline = TimeSpan.FromSeconds(options.ReplicaTimeoutSeconds + 30 + 60);
            // Standby executions never drain while standby is wanted: they are measured as they are.
            var drained = options.Standby > 0 || await Waiting.TryUntilAsync(() => Task.FromResult(observer.JobCounter(ContainerAppJobProperties.Running) == 0),
                drainDeadline, cancellationToken).ConfigureAwait(false);

            var requests = await emulator.JobRequestsAsync(cancellationToken).ConfigureAwait(false);
            var stats = await emulator.StatsAsync(cancellationToken).ConfigureAwait(false);

            await watching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watch, sampling).ConfigureAwait(false);

            var recordedJobs = options.RecordDirectory is null ? null
                : await Recording.ReadJobsAsync(new Uri($"http://localhost:{launch.EmulatorPort}/local"), cancellationToken).ConfigureAwait(false);

            return ScenarioResult.Measure(
                pairing,
                options,
                requests,
                observer,
                timeline.Samples,
                stats.AgentsOnlineMax,
                complete: finished && drained) with { RecordedJobs = recordedJobs?.Jobs };
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Agents online in the pool without a job, the placeholder left out (it is offline).</summary>
    private static int IdleAgents(IReadOnlyList<TaskAgent> agents) =>
        agents.Count(a => a.Status == TaskAgentStatus.Online && a.AssignedRequest is null);
}
