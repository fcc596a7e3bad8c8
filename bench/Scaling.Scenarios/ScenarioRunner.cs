using Aspire.Hosting.JobEmulation;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AspireAgents.AzureDevOps.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AspireAgents.TestSupport;
using AspireAgents.Scaling;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>
/// One pairing: starts the real AppHost with the pairing's settings, queues the runs through the emulator's
/// pipelines API, waits until every job has finished and every execution has ended, and measures.
/// </summary>
internal static class ScenarioRunner
{
    private const string JobName = "agents";
    private const int PoolId = 10;
    private const int Pipeline = 1;

    /// <summary>How long the jobs may take before the scenario gives up on them.</summary>
    private static readonly TimeSpan JobsDeadline = TimeSpan.FromMinutes(20);

    public static async Task<ScenarioResult> RunAsync(Pairing pairing, ScenarioOptions options, string? logPath, CancellationToken cancellationToken)
    {
        // The AppHost is told its emulator's port before it starts: a fixed port, with FreePort's race.
        var port = FreePort.Next();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Agents:MaxExecutions={options.MaxExecutions}",
            $"Agents:PollingIntervalSeconds={options.PollingIntervalSeconds}",
            $"Agents:ReplicaTimeoutSeconds={options.ReplicaTimeoutSeconds}",
            // Custom needs its parameters, which appsettings cannot give: set below on the model.
            $"Agents:ScalingStrategy={(pairing.Strategy == KedaScalingStrategy.Custom ? KedaScalingStrategy.Default : pairing.Strategy)}",
            $"Agents:ScaleOnInFlight={pairing.ScaleOnInFlight}",
            $"Agents:EmulatorPort={port}",
            $"Agents:StandbyAgents={options.Standby}",
            $"Agents:IdleTimeoutSeconds={options.IdleTimeoutSeconds}",
            // The console shows warnings and errors (executions' and the agent job's among them); the log file, everything.
            "Logging:LogLevel:Default=Information",
            "Logging:Console:LogLevel:Default=Warning",
            "Logging:Console:LogLevel:AspireAgents.AppHost.Resources=None",
            "Logging:Console:LogLevel:AspireAgents.AppHost.Resources.agents=Warning",
            "Logging:Console:LogLevel:Aspire.Hosting.Dcp=Error",
            // The emulator's health check fails until it listens: expected at start.
            "Logging:Console:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
        ], cancellationToken).ConfigureAwait(false);
        using var fileLog = logPath is null ? null : new FileLoggerProvider(logPath);
        builder.Services.AddLogging(logging =>
        {
            logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);
            if (fileLog is not null)
            {
                logging.AddProvider(fileLog);
            }
        });
        if (pairing.Strategy == KedaScalingStrategy.Custom)
        {
            var job = builder.Resources.OfType<ContainerAppJobResource>().Single(j => j.Name == JobName);
            builder.CreateResourceBuilder(job).WithScalingStrategy(KedaScalingStrategy.Custom, options.CustomDeduction, options.CustomPercentage);
        }

        await using var app = await builder.BuildAsync(cancellationToken).ConfigureAwait(false);
        var observer = new AppHostObserver(JobName);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = observer.WatchAsync(app.ResourceNotifications, watching.Token);
        using var emulator = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        using var devops = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/local/") };
        devops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":local-dev-pat")));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await WaitUntilAsync(() => observer.JobState == "Polling", TimeSpan.FromMinutes(5), "the agent job to poll", cancellationToken).ConfigureAwait(false);
            if (options.Standby > 0 && !await TryWaitAsync(async () => await IdleAgentsAsync(devops, cancellationToken).ConfigureAwait(false) >= options.Standby,
                    TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false))
            {
                throw new TimeoutException($"Waited 5 min for {options.Standby} standby agents to be online.");
            }

            var origin = DateTimeOffset.UtcNow;
            var timeline = new Timeline(emulator, observer);
            var sampling = timeline.RunAsync(origin, watching.Token);
            for (var i = 0; i < options.Jobs; i++)
            {
                var response = await devops.PostAsJsonAsync(
                    $"demo/_apis/pipelines/{Pipeline}/runs?api-version=7.1",
                    new RunPipelineParameters(new Dictionary<string, string> { ["durationSeconds"] = options.DurationSeconds.ToString(CultureInfo.InvariantCulture) }),
                    AzureDevOpsJsonContext.Default.RunPipelineParameters,
                    cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }

            var finished = await TryWaitAsync(
                async () => await FinishedJobsAsync(emulator, cancellationToken).ConfigureAwait(false) >= options.Jobs,
                JobsDeadline, cancellationToken).ConfigureAwait(false);

            // A decision read just before the last job finished may still start executions: let it, then drain.
            await Task.Delay(TimeSpan.FromSeconds(options.PollingIntervalSeconds + 2), cancellationToken).ConfigureAwait(false);
            var drainDeadline = TimeSpan.FromSeconds(options.ReplicaTimeoutSeconds + 30 + 60);
            // Standby executions never drain while standby is wanted: they are measured as they are.
            var drained = options.Standby > 0 || await TryWaitAsync(() => Task.FromResult(observer.JobCounter(ContainerAppJobProperties.Running) == 0),
                drainDeadline, cancellationToken).ConfigureAwait(false);

            var requests = await devops.GetFromJsonAsync($"_apis/distributedtask/pools/{PoolId}/jobrequests?$top={ScenarioOptions.MaxJobs}",
                AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest, cancellationToken).ConfigureAwait(false);
            var stats = await emulator.GetStringAsync("_emulator/stats", cancellationToken).ConfigureAwait(false);
            using var statsDocument = JsonDocument.Parse(stats);

            await watching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watch, sampling).ConfigureAwait(false);

            var recordedJobs = options.RecordDirectory is null ? null
                : await Recording.ReadJobsAsync(new Uri($"http://localhost:{port}/local"), cancellationToken).ConfigureAwait(false);

            return ScenarioResult.Measure(
                pairing,
                options,
                requests?.Value ?? [],
                observer,
                timeline.Samples,
                statsDocument.RootElement.GetProperty("agents").GetProperty("onlineMax").GetInt32(),
                complete: finished && drained) with { RecordedJobs = recordedJobs?.Jobs };
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Agents online in the pool without a job, the placeholder left out (it is offline).</summary>
    private static async Task<int> IdleAgentsAsync(HttpClient devops, CancellationToken cancellationToken)
    {
        var agents = await devops.GetFromJsonAsync($"_apis/distributedtask/pools/{PoolId}/agents?includeAssignedRequest=true",
            AzureDevOpsJsonContext.Default.ListResponseTaskAgent, cancellationToken).ConfigureAwait(false);
        return agents?.Value?.Count(a => a.Status == TaskAgentStatus.Online && a.AssignedRequest is null) ?? 0;
    }

    private static async Task<int> FinishedJobsAsync(HttpClient emulator, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await emulator.GetStringAsync("_emulator/stats", cancellationToken).ConfigureAwait(false));
        var jobs = document.RootElement.GetProperty("jobs");
        return jobs.GetProperty("succeeded").GetInt32() + jobs.GetProperty("failed").GetInt32()
               + jobs.GetProperty("canceled").GetInt32() + jobs.GetProperty("abandoned").GetInt32();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        if (!await TryWaitAsync(() => Task.FromResult(condition()), timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"Waited {timeout} for {what}.");
        }
    }

    /// <summary>True when <paramref name="condition"/> held before <paramref name="timeout"/>.</summary>
    private static async Task<bool> TryWaitAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
