using AspireAgents.AppHostHarness;
using Aspire.Hosting.JobEmulation;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>What one pairing did with the workload.</summary>
internal sealed record ScenarioResult
{
    public required Pairing Pairing { get; init; }
    public required int Jobs { get; init; }
    public required int JobsSucceeded { get; init; }

    /// <summary>First job queued to last job finished; null when a job never finished.</summary>
    public required TimeSpan? Makespan { get; init; }
    public required TimeSpan IdealMakespan { get; init; }
    public double? Ratio => Makespan / IdealMakespan;

    public required int ExecutionsStarted { get; init; }

    /// <summary>Executions whose agent never received a job: they waited until the replica timeout ended them.</summary>
    public required int ExecutionsWithoutJob { get; init; }
    public required int ExecutionsTimedOut { get; init; }
    public required long MaxConcurrentExecutions { get; init; }
    public required int AgentsOnlineMax { get; init; }

    /// <summary>Queue time to the agent receiving the job, seconds.</summary>
    public required double QueueWaitP50 { get; init; }
    public required double QueueWaitP95 { get; init; }

    /// <summary>An execution's creation to its agent receiving its job (start-up plus waiting), seconds.</summary>
    public required double ExecutionToJobP50 { get; init; }

    /// <summary>Sum of every execution's lifetime (what ACA bills), seconds, and the part spent by executions without a job.</summary>
    public required double ExecutionSeconds { get; init; }
    public required double ExecutionSecondsWithoutJob { get; init; }

    /// <summary>Standby agents the scenario ran with.</summary>
    public int Standby { get; init; }

    /// <summary>
    /// Execution time without a job between the first job queued and the last finished, seconds: what standby (or
    /// executions that found no job) cost during the burst. Executions still running at measurement count up to then.
    /// </summary>
    public double IdleAgentSeconds { get; init; }

    public required double? LoadMean { get; init; }
    public required bool Complete { get; init; }

    public required IReadOnlyList<TimelineSample> Timeline { get; init; }
    public required IReadOnlyList<DecisionRecord> Decisions { get; init; }
    public required IReadOnlyList<TaskAgentJobRequest> Requests { get; init; }
    public required IReadOnlyList<ExecutionRecord> Executions { get; init; }
    public required DateTimeOffset Origin { get; init; }

    /// <summary>The finished jobs read back through the Azure DevOps client, when the run is recorded for the planner.</summary>
    public IReadOnlyList<AspireAgents.Planner.Records.JobRecord>? RecordedJobs { get; init; }

    public static ScenarioResult Measure(
        Pairing pairing, ScenarioOptions options, IReadOnlyList<TaskAgentJobRequest> requests, AppHostObserver observer,
        IReadOnlyList<TimelineSample> timeline, int agentsOnlineMax, bool complete)
    {
        var queued = requests.Where(r => r.QueueTime is not null).ToList();
        var origin = queued.Count > 0 ? queued.Min(r => r.QueueTime!.Value) : DateTimeOffset.UtcNow;
        var allFinished = queued.Count == options.Jobs && queued.All(r => r.FinishTime is not null);
        var makespan = allFinished ? queued.Max(r => r.FinishTime!.Value) - origin : (TimeSpan?)null;

        var executions = observer.AgentExecutions.ToList();
        var byName = executions.ToDictionary(e => e.Name);
        var withJob = queued.Where(r => r.ReservedAgent is not null).Select(r => r.ReservedAgent!.Name).ToHashSet();
        var withoutJob = executions.Where(e => !withJob.Contains(e.Name)).ToList();

        var queueWaits = queued.Where(r => r.ReceiveTime is not null)
            .Select(r => (r.ReceiveTime!.Value - r.QueueTime!.Value).TotalSeconds).Order().ToArray();
        var executionToJob = queued
            .Where(r => r.ReceiveTime is not null && r.ReservedAgent is not null && byName.ContainsKey(r.ReservedAgent.Name))
            .Select(r => (r.ReceiveTime!.Value.UtcDateTime - byName[r.ReservedAgent!.Name].Created!.Value).TotalSeconds)
            .Order().ToArray();
        var loads = timeline.Where(s => s.Load is not null).Select(s => s.Load!.Value).ToArray();

        return new ScenarioResult
        {
            Pairing = pairing,
            Jobs = options.Jobs,
            JobsSucceeded = queued.Count(r => r.Result is TaskResult.Succeeded),
            Makespan = makespan,
            IdealMakespan = options.IdealMakespan,
            ExecutionsStarted = executions.Count,
            ExecutionsWithoutJob = withoutJob.Count,
            ExecutionsTimedOut = executions.Count(e => e.Outcome == "TimedOut"),
            MaxConcurrentExecutions = observer.JobCounter(ContainerAppJobProperties.MaxConcurrent),
            AgentsOnlineMax = agentsOnlineMax,
            QueueWaitP50 = Percentile(queueWaits, 0.50),
            QueueWaitP95 = Percentile(queueWaits, 0.95),
            ExecutionToJobP50 = Percentile(executionToJob, 0.50),
            ExecutionSeconds = executions.Sum(Lifetime),
            ExecutionSecondsWithoutJob = withoutJob.Sum(Lifetime),
            Standby = options.Standby,
            IdleAgentSeconds = IdleSeconds(executions, queued, origin, origin + (makespan ?? TimeSpan.Zero)),
            LoadMean = loads.Length > 0 ? loads.Average() : null,
            Complete = complete && allFinished,
            Timeline = timeline,
            Decisions = observer.Decisions,
            Requests = queued,
            Executions = executions,
            Origin = origin,
        };
    }

    private static double IdleSeconds(IReadOnlyList<ExecutionRecord> executions, IReadOnlyList<TaskAgentJobRequest> jobs, DateTimeOffset from, DateTimeOffset to)
    {
        double Overlap(DateTimeOffset? start, DateTimeOffset? end) =>
            start is { } s ? Math.Max(0, ((end is { } e && e < to ? e : to) - (s > from ? s : from)).TotalSeconds) : 0;

        var alive = executions.Sum(e => Overlap(Utc(e.Created), Utc(e.Stopped)));
        var busy = jobs.Sum(r => Overlap(r.ReceiveTime, r.FinishTime));
        return Math.Max(0, alive - busy);
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static double Lifetime(ExecutionRecord execution) =>
        execution.Created is { } created ? ((execution.Stopped ?? DateTime.UtcNow) - created).TotalSeconds : 0;

    /// <summary>Nearest-rank percentile of sorted values; NaN when there are none.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
