using System.Diagnostics;
using Aspire.Hosting.JobEmulation;
using AspireAgents.AppHostHarness;

namespace AspireAgents.Chaos;

/// <summary>
/// A steady stream of short jobs through one AppHost, with no fault: whether every job ends, what the processes'
/// memory does over it, and how many Azure DevOps requests each polling interval costs.
/// </summary>
public static class SoakRun
{
    private const int Pipeline = 1;

    public static async Task<SoakResult> RunAsync(ChaosOptions options, string? logPath, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var host = await ChaosHost.StartAsync(options, logPath, cancellationToken).ConfigureAwait(false);
        var startMemory = Memory(host);
        var startStats = await host.Emulator.StatsAsync(cancellationToken).ConfigureAwait(false);
        var start = DateTimeOffset.UtcNow;
        var peak = startMemory;

        var interval = TimeSpan.FromSeconds(1 / options.SoakJobsPerSecond);
        for (var i = 0; i < options.SoakJobs; i++)
        {
            // 1 and 2 s in turn; the next one queued on the rate's schedule, however long queueing took.
            await host.Emulator.QueueRunAsync(Pipeline, 1 + (i % 2), cancellationToken).ConfigureAwait(false);
            var next = start + (interval * (i + 1));
            if (next > DateTimeOffset.UtcNow)
            {
                await Task.Delay(next - DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            }

            if (i % 100 == 99)
            {
                peak = peak.Max(Memory(host));
                var stats = await host.Emulator.StatsAsync(cancellationToken).ConfigureAwait(false);
                progress(FormattableString.Invariant($"soak: {i + 1} queued, {stats.Finished - startStats.Finished} ended, {stats.Queued} waiting, {host.RunningExecutions} executions"));
            }
        }

        var ended = await Waiting.TryUntilAsync(
            async () =>
            {
                peak = peak.Max(Memory(host));
                return (await host.Emulator.StatsAsync(cancellationToken).ConfigureAwait(false)).Finished - startStats.Finished >= options.SoakJobs;
            },
            TimeSpan.FromSeconds(options.PhaseDeadlineSeconds + (options.SoakJobs * 2)), cancellationToken).ConfigureAwait(false);
        var end = DateTimeOffset.UtcNow;
        var endStats = await host.Emulator.StatsAsync(cancellationToken).ConfigureAwait(false);
        var endMemory = Memory(host);
        await Task.Delay(TimeSpan.FromSeconds(options.PollingIntervalSeconds + 2), cancellationToken).ConfigureAwait(false);
        var drained = await host.DrainAsync(options, cancellationToken).ConfigureAwait(false);
        var agents = await host.Emulator.AgentsAsync(cancellationToken).ConfigureAwait(false);
        var executions = host.Observer.AgentExecutions;

        var intervals = (end - start).TotalSeconds / options.PollingIntervalSeconds;
        return new SoakResult
        {
            Options = options,
            Jobs = options.SoakJobs,
            Succeeded = endStats.Succeeded - startStats.Succeeded,
            NotSucceeded = endStats.Finished - startStats.Finished - (endStats.Succeeded - startStats.Succeeded),
            Ended = ended,
            Duration = end - start,
            Start = startMemory,
            End = endMemory,
            Peak = peak,
            RequestsPerInterval = Delta(startStats, endStats, _ => true) / intervals,
            QueueReadsPerInterval = Delta(startStats, endStats, IsQueueRead) / intervals,
            ExecutionsStarted = executions.Count,
            MaxConcurrentExecutions = host.Observer.JobCounter(ContainerAppJobProperties.MaxConcurrent),
            LeftoverAgents = agents.Count(a => a.Name != EmulatorClient.PlaceholderAgent),
            Drained = drained,
            Timeline = host.Timeline.Samples,
        };
    }

    /// <summary>The Scaler's reads of the queue: <c>GET …/jobrequests</c> (agents only PATCH theirs).</summary>
    private static bool IsQueueRead(string route) =>
        route.StartsWith("GET ", StringComparison.Ordinal) && route.Contains("jobrequests", StringComparison.Ordinal);

    private static long Delta(EmulatorCounts start, EmulatorCounts end, Func<string, bool> route) =>
        end.RequestsByRoute.Where(r => route(r.Key)).Sum(r => r.Value) - start.RequestsByRoute.Where(r => route(r.Key)).Sum(r => r.Value);

    /// <summary>
    /// Working sets now: the AppHost (this process: the suite runs it in-process), the Scaler, the emulator; and the
    /// AppHost's live managed heap after a full collection, which tells a leak from memory the GC has not returned.
    /// </summary>
    private static ProcessMemory Memory(ChaosHost host) => new(
        Environment.WorkingSet,
        GC.GetTotalMemory(forceFullCollection: true),
        WorkingSet(host.Observer.ProcessId(ChaosHost.ScalerName)),
        WorkingSet(host.Observer.ProcessId(ChaosHost.EmulatorName)));

    private static long WorkingSet(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        try
        {
            using var process = Process.GetProcessById(pid.Value);
            return process.WorkingSet64;
        }
        catch (ArgumentException)
        {
            return 0;
        }
    }
}

/// <summary>Working sets in bytes.</summary>
public sealed record ProcessMemory(long AppHost, long AppHostLiveHeap, long Scaler, long Emulator)
{
    public ProcessMemory Max(ProcessMemory other) => new(
        Math.Max(AppHost, other.AppHost), Math.Max(AppHostLiveHeap, other.AppHostLiveHeap), Math.Max(Scaler, other.Scaler), Math.Max(Emulator, other.Emulator));
}

/// <summary>The soak, measured.</summary>
public sealed record SoakResult
{
    public required ChaosOptions Options { get; init; }
    public required int Jobs { get; init; }
    public required int Succeeded { get; init; }
    public required int NotSucceeded { get; init; }
    public required bool Ended { get; init; }
    public required TimeSpan Duration { get; init; }
    public required ProcessMemory Start { get; init; }
    public required ProcessMemory End { get; init; }
    public required ProcessMemory Peak { get; init; }
    public required double RequestsPerInterval { get; init; }
    public required double QueueReadsPerInterval { get; init; }
    public required int ExecutionsStarted { get; init; }
    public required long MaxConcurrentExecutions { get; init; }
    public required int LeftoverAgents { get; init; }
    public required bool Drained { get; init; }
    public required IReadOnlyList<TimelineSample> Timeline { get; init; }
}
