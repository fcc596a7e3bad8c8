using AspireAgents.Chaos;
using Xunit.Abstractions;

namespace AspireAgents.EndToEnd.Tests;

/// <summary>
/// The chaos suite's short version on the real AppHost: one fault of each kind (executions killed mid-job and
/// mid-registration, the Scaler stopped and started, Azure DevOps answering 429, 503, 203 and slowly) on a few jobs
/// each. Fails on a job lost or failed where nothing was killed, a killed job that succeeded, the Scaler answering 0
/// for a queued job, more executions than the maximum, or an agent left that no kill explains (none at all after
/// the maintenance run, when the AppHost has one).
/// </summary>
public sealed class ChaosSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task EveryJobEndsAndNoAgentLeaksUnderOneFaultOfEachKind()
    {
        using var timeout = new CancellationTokenSource(Deadline);

        var result = await ChaosSuite.RunAsync(ChaosOptions.Short, logPath: null, output.WriteLine, timeout.Token);

        output.WriteLine(ChaosReport.Markdown(result, soak: null));
        Assert.Equal(ChaosOptions.AllFaults.Count, result.Phases.Count);
        Assert.Empty(result.Violations());
        Assert.Equal(0, result.Lost);
        Assert.All(result.Phases.Where(p => p.Fault.Kind == FaultKind.KillMidJob), p => Assert.Equal(p.Fault.Kills.Count, p.EndedWhereKilled));
    }
}
