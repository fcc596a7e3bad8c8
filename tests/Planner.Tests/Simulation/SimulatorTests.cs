using AspireAgents.Planner.Records;
using AspireAgents.Planner.Simulation;
using AspireAgents.Scaling;

namespace AspireAgents.Planner.Tests.Simulation;

/// <summary>Replays small enough to compute by hand; each comment walks the events.</summary>
public sealed class SimulatorTests
{
    private static SimulationSettings Settings(int max = 10, int standby = 0, double start = 5, double pickup = 0, double polling = 10, params string[] demands) => new()
    {
        PollingIntervalSeconds = polling,
        Scaling = new ScaledJobSettings { MaxExecutions = max },
        Standby = standby,
        StartTime = StartTimeModel.Fixed(start),
        PickupSeconds = pickup,
        IdleTimeoutSeconds = 1000,
        Demands = demands,
    };

    [Fact]
    public void OneJobWaitsForTheTickTheStartAndThePickup()
    {
        // Queued at 0, tick at 0 starts one execution, online at 5, receives at 7, finishes at 37 and exits.
        var result = Simulator.Run([Jobs.At(0, 30)], Settings(start: 5, pickup: 2));

        Assert.Equal([7.0], result.Waits);
        Assert.Equal(1, result.Executions);
        Assert.Equal(0, result.ExecutionsWithoutJob);
        Assert.Equal(37, result.ExecutionSeconds, 6);
        Assert.Equal(37, result.MakespanSeconds, 6);
    }

    [Fact]
    public void AJobQueuedBetweenTicksWaitsForTheNextTick()
    {
        // Times count from the first job queued; the polling clock ticks at 7: online at 12, received at 12.
        var result = Simulator.Run([Jobs.At(0, 30)], Settings(start: 5) with { FirstTickSeconds = 7 });

        Assert.Equal([12.0], result.Waits);
    }

    [Fact]
    public void ABurstIsLimitedByMaxExecutions()
    {
        // Four jobs at 0, max 2. Tick 0: queue 4 (scaleOnInFlight), running 0: default starts min(4, 2 − 0) = 2, online
        // at 5. Ticks 10 and 20: queue 4, running 2: nothing. The first two finish at 25; tick 30: queue 2, running 0:
        // starts 2, online at 35. Waits 5, 5, 35, 35.
        var jobs = Enumerable.Range(0, 4).Select(_ => Jobs.At(0, 20)).ToList();

        var result = Simulator.Run(jobs, Settings(max: 2, start: 5));

        Assert.Equal([5.0, 5.0, 35.0, 35.0], result.Waits);
        Assert.Equal(4, result.Executions);
        Assert.Equal(5, result.WaitP50);
        Assert.Equal(35, result.WaitP95);
    }

    [Fact]
    public void StandbyShortensTheWaitToThePickupTime()
    {
        // Without standby: the job waits for the tick at 0, the start (5) and the pickup (2): 7 s.
        var job = Jobs.At(0, 10);
        var cold = Simulator.Run([job], Settings(start: 5, pickup: 2));
        Assert.Equal([7.0], cold.Waits);

        // With one standby agent online from the start, it takes the job at once: the pickup alone. The tick at 0 then
        // sees the queue 1 + 1 standby against 1 running and starts the next standby agent, online at 5, which finds no
        // job and idles out after 1000 s: 0 → 12 for the first, 0 → 1005 for the second.
        var warm = Simulator.Run([job], Settings(start: 5, pickup: 2, standby: 1));
        Assert.Equal([2.0], warm.Waits);
        Assert.Equal(2, warm.Executions);
        Assert.Equal(1, warm.ExecutionsWithoutJob);
        Assert.Equal(12 + 1005, warm.ExecutionSeconds, 6);
    }

    [Fact]
    public void ATriggerWithDemandsCountsAndTakesOnlyTheJobsItsAgentsSatisfy()
    {
        // The docker job is not this trigger's: it is neither counted nor taken, and keeps its recorded times.
        var java = Jobs.At(0, 10, null, "java", "Agent.Version -gtVersion 2.0");
        var docker = Jobs.At(0, 10, received: 50, "docker");

        var result = Simulator.Run([java, docker], Settings(start: 5, demands: "java"));

        Assert.Equal(1, result.JobsServed);
        Assert.Equal(1, result.JobsElsewhere);
        Assert.Equal([5.0], result.Waits);
        Assert.Equal(1, result.Executions);
    }

    [Fact]
    public void ATriggerWithoutDemandsCountsJobsItsAgentsCannotTake()
    {
        // Both jobs count at tick 0, so two executions start; the docker job is received elsewhere at 50, so the
        // second agent finds nothing and idles out.
        var plain = Jobs.At(0, 10);
        var docker = Jobs.At(0, 10, received: 50, "docker");

        var result = Simulator.Run([plain, docker], Settings(start: 5));

        Assert.Equal(1, result.JobsServed);
        Assert.Equal(2, result.Executions);
        Assert.Equal(1, result.ExecutionsWithoutJob);
    }

    [Fact]
    public void AnAgentTakesTheOldestWaitingJob()
    {
        // Max 1. Jobs at 0 (20 s) and 1 (5 s) and 2 (5 s): the one execution takes the first at 5; after it ends at 25,
        // tick 30 starts one that takes the job queued at 1, not the one at 2.
        var jobs = new List<JobRecord> { Jobs.At(0, 20), Jobs.At(2, 5), Jobs.At(1, 5) };

        var result = Simulator.Run(jobs, Settings(max: 1, start: 5));

        Assert.Equal([5.0, 34.0, 43.0], result.Waits);
    }

    [Fact]
    public void AReplayWithADrawnStartTimeRepeatsForTheSameSeed()
    {
        var jobs = Enumerable.Range(0, 30).Select(i => Jobs.At(i * 3, 40)).ToList();
        var settings = Settings(start: 0) with { StartTime = StartTimeModel.Measured([3, 8, 20, 40]) };

        var first = Simulator.Run(jobs, settings, seed: 7);
        var again = Simulator.Run(jobs, settings, seed: 7);

        Assert.Equal(first.Waits, again.Waits);
    }

    [Fact]
    public void SettingsThatCanNeverRunAJobAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Simulator.Run([Jobs.At(0, 1)], Settings(max: 0)));
        Assert.Throws<ArgumentException>(() => Simulator.Run([], Settings()));
    }
}
