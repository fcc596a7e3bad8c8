using Aspire.Hosting.JobEmulation;
using System.Globalization;

namespace AspireAgents.AppHostHarness;

/// <summary>
/// Samples once a second what the emulator and the job show (jobs waiting and running, executions running,
/// agents online) and the machine's load average, for the timeline of a scenario.
/// </summary>
public sealed class Timeline(EmulatorClient emulator, AppHostObserver observer)
{
    private readonly List<TimelineSample> _samples = [];

    public IReadOnlyList<TimelineSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async Task RunAsync(DateTimeOffset origin, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                var stats = await emulator.StatsAsync(cancellationToken).ConfigureAwait(false);
                var sample = new TimelineSample(
                    DateTimeOffset.UtcNow,
                    (DateTimeOffset.UtcNow - origin).TotalSeconds,
                    stats.Queued,
                    stats.Running,
                    stats.Finished,
                    observer.JobCounter(ContainerAppJobProperties.Running),
                    stats.AgentsOnline,
                    Machine.LoadAverage());
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public static string Csv(IEnumerable<TimelineSample> samples) =>
        "seconds,jobs_queued,jobs_running,jobs_finished,executions_running,agents_online,load_1min\n" + string.Concat(samples.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:0.0},{s.JobsQueued},{s.JobsRunning},{s.JobsFinished},{s.ExecutionsRunning},{s.AgentsOnline},{s.Load:0.00}\n")));
}

/// <summary>One second of a scenario.</summary>
public sealed record TimelineSample(DateTimeOffset At, double Seconds, int JobsQueued, int JobsRunning, int JobsFinished, long ExecutionsRunning, int AgentsOnline, double? Load);
