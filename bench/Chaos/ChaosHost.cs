using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using AspireAgents.AppHostHarness;

namespace AspireAgents.Chaos;

/// <summary>
/// The real AppHost started for the suite, with what it is watched through: its resources (observer), the emulator
/// (REST and controls) and a once-a-second timeline.
/// </summary>
public sealed class ChaosHost : IAsyncDisposable
{
    public const string JobName = "agents";
    public const string ScalerName = "scaler";
    public const string EmulatorName = "devops";

    private readonly AppHostLaunch _launch;
    private readonly CancellationTokenSource _watching;
    private readonly Task _watch;
    private Task _sampling = Task.CompletedTask;

    private ChaosHost(AppHostLaunch launch, DistributedApplication app, CancellationToken cancellationToken)
    {
        _launch = launch;
        App = app;
        Observer = new AppHostObserver(JobName);
        Emulator = new EmulatorClient(launch.EmulatorPort);
        Timeline = new Timeline(Emulator, Observer);
        _watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _watch = Observer.WatchAsync(app.ResourceNotifications, _watching.Token);
    }

    public DistributedApplication App { get; }
    public AppHostObserver Observer { get; }
    public EmulatorClient Emulator { get; }
    public Timeline Timeline { get; }

    /// <summary>When the agent job first polled: the origin of the timeline.</summary>
    public DateTimeOffset Origin { get; private set; }

    /// <summary>Starts the AppHost with <paramref name="options"/>' job settings and waits until the agent job polls.</summary>
    public static async Task<ChaosHost> StartAsync(ChaosOptions options, string? logPath, CancellationToken cancellationToken)
    {
        var launch = await AppHostLaunch.CreateAsync(
        [
            $"Agents:MaxExecutions={options.MaxExecutions}",
            $"Agents:PollingIntervalSeconds={options.PollingIntervalSeconds}",
            $"Agents:ReplicaTimeoutSeconds={options.ReplicaTimeoutSeconds}",
            // The maintenance run at the end finds the agents of killed executions long registered: a short grace
            // period keeps the run's rules, only scaled to the suite's minutes.
            $"Agents:Maintenance:GracePeriodSeconds={options.MaintenanceGraceSeconds}",
        ], logPath, cancellationToken).ConfigureAwait(false);
        var devops = launch.Builder.Resources.OfType<ProjectResource>().Single(r => r.Name == EmulatorName);
        launch.Builder.CreateResourceBuilder(devops)
            .WithEnvironment("Emulator__JobLockDuration", Duration(options.JobLockSeconds))
            .WithEnvironment("Emulator__SessionIdleTimeout", Duration(options.SessionIdleSeconds));

        var app = await launch.Builder.BuildAsync(cancellationToken).ConfigureAwait(false);
        var host = new ChaosHost(launch, app, cancellationToken);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await Waiting.UntilAsync(() => host.Observer.JobState == "Polling", TimeSpan.FromMinutes(5), "the agent job to poll", cancellationToken).ConfigureAwait(false);
        host.Origin = DateTimeOffset.UtcNow;
        host._sampling = host.Timeline.RunAsync(host.Origin, host._watching.Token);
        return host;
    }

    /// <summary>Executions of the agent job running now.</summary>
    public long RunningExecutions => Observer.JobCounter(ContainerAppJobProperties.Running);

    /// <summary>Waits until no execution of the agent job runs (those that got no job end at the replica timeout).</summary>
    public Task<bool> DrainAsync(ChaosOptions options, CancellationToken cancellationToken) =>
        Waiting.TryUntilAsync(() => Task.FromResult(RunningExecutions == 0),
            TimeSpan.FromSeconds(options.ReplicaTimeoutSeconds + JobExecutionGrace + 60), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _watching.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_watch, _sampling).ConfigureAwait(false);
        await App.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        Emulator.Dispose();
        _launch.Dispose();
        _watching.Dispose();
    }

    /// <summary>ACA's grace between SIGTERM and the kill of a replica that outlived its timeout (seconds).</summary>
    private const int JobExecutionGrace = 30;

    private static string Duration(int seconds) => TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
}
