using Aspire.Hosting.JobEmulation;
using System.Globalization;
using System.Text.Json;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>
/// Samples once a second what the emulator and the job show (jobs waiting and running, executions running,
/// agents online) and the machine's load average, for the timeline of a scenario.
/// </summary>
internal sealed class Timeline(HttpClient emulator, AppHostObserver observer)
{
    private readonly List<TimelineSample> _samples = [];

    public IReadOnlyList<TimelineSample> Samples => _samples;

    public async Task RunAsync(DateTimeOffset origin, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                var stats = await emulator.GetStringAsync("_emulator/stats", cancellationToken).ConfigureAwait(false);
                using var document = JsonDocument.Parse(stats);
                var jobs = document.RootElement.GetProperty("jobs");
                var agents = document.RootElement.GetProperty("agents");
                _samples.Add(new TimelineSample(
                    (DateTimeOffset.UtcNow - origin).TotalSeconds,
                    jobs.GetProperty("queued").GetInt32(),
                    jobs.GetProperty("running").GetInt32(),
                    jobs.GetProperty("succeeded").GetInt32() + jobs.GetProperty("failed").GetInt32()
                        + jobs.GetProperty("canceled").GetInt32() + jobs.GetProperty("abandoned").GetInt32(),
                    observer.JobCounter(ContainerAppJobProperties.Running),
                    agents.GetProperty("online").GetInt32(),
                    Machine.LoadAverage()));
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
internal sealed record TimelineSample(double Seconds, int JobsQueued, int JobsRunning, int JobsFinished, long ExecutionsRunning, int AgentsOnline, double? Load);
