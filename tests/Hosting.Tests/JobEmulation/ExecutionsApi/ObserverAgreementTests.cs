using Aspire.Hosting.JobEmulation;
using AspireAgents.Scaling;
using AspireAgents.Scaling.ContainerApps;

namespace AspireAgents.Hosting.Tests.JobEmulation.ExecutionsApi;

/// <summary>
/// The observer's reconstruction agrees with the emulation's own decision, interval by interval. Both read the same
/// snapshot: the emulation counts its registry, the observer counts what the executions API lists of that registry (over
/// HTTP, across pages), and both decide on the same scaler reading, so the comparison is exact. Live, the two read at
/// different instants; docs/observability.md says what that changes.
/// </summary>
public sealed class ObserverAgreementTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<KedaScalingStrategy> Strategies => [KedaScalingStrategy.Default, KedaScalingStrategy.Accurate, KedaScalingStrategy.Eager];

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task ReconstructedDecisionsEqualTheEmulationsAtEveryInterval(KedaScalingStrategy strategy)
    {
        var settings = new ScaledJobSettings { MaxExecutions = 4, Strategy = strategy };
        // Queue lengths the scaler reports, interval by interval: a burst, a plateau above the maximum, a drain.
        double[] queue = [0, 3, 3, 6, 6, 5, 2, 1, 0, 0];
        await using var api = await ExecutionsApiHarness.StartAsync(pageSize: 2, historyLimit: 3);
        var started = new List<ScriptedExecution>();
        var decided = 0;
        var sawPending = false;

        for (var interval = 0; interval < queue.Length; interval++)
        {
            var now = T0.AddSeconds(30 * interval);
            Progress(api.Registry, started, now);
            var reading = new ScalerReading("azure-pipelines-10", queue[interval], 1, queue[interval] > 0);

            var emulation = PollingDecision.Decide(settings, api.Registry.Unfinished, reading);
            var observer = PollingDecision.Decide(settings, JobExecutionStatus.Count(await api.ListAllAsync()), reading);

            Assert.Equal(emulation, observer);
            sawPending |= emulation.Counts.Pending > 0;
            for (var i = 0; i < emulation.ToStart; i++)
            {
                var execution = new ScriptedExecution($"agents-{interval:00}{i:0000}", now.AddMilliseconds(i));
                api.Registry.Add(execution);
                started.Add(execution);
            }

            decided += emulation.ToStart > 0 ? 1 : 0;
        }

        // The scenario went through starts, pending, running, the maximum and finished executions leaving the history.
        Assert.True(decided >= 3, $"only {decided} intervals started executions");
        Assert.Contains(started, e => e.IsFinished);
        Assert.True(sawPending, "no decision counted a pending execution");
    }

    /// <summary>Executions move on: pending for two intervals, running for one more, then ended (some failed).</summary>
    private static void Progress(ExecutionRegistry<ScriptedExecution> registry, List<ScriptedExecution> started, DateTimeOffset now)
    {
        foreach (var execution in started.Where(e => !e.IsFinished).ToList())
        {
            var age = now - execution.CreatedAt;
            if (execution.IsPending && age >= TimeSpan.FromSeconds(59))
            {
                execution.Run();
            }
            else if (!execution.IsPending && age >= TimeSpan.FromSeconds(89))
            {
                execution.End(execution.Name.EndsWith('1') ? ExecutionOutcome.Failed : ExecutionOutcome.Succeeded, now);
                registry.Finished(execution);
            }
        }
    }
}
