using AspireAgents.AppHostHarness;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Chaos;

/// <summary>One fault's phase, measured: its jobs' outcomes, waits and the Scaler's answers while it held.</summary>
public sealed record PhaseResult
{
    public required FaultWindow Fault { get; init; }
    public required int Jobs { get; init; }
    public required int Succeeded { get; init; }

    /// <summary>Jobs of killed agents that ended abandoned or failed, as the service ends them.</summary>
    public required int EndedWhereKilled { get; init; }

    /// <summary>Jobs that had not ended by the phase's deadline.</summary>
    public required int Lost { get; init; }

    /// <summary>Jobs that did not succeed although no agent of theirs was killed.</summary>
    public required int FailedElsewhere { get; init; }

    /// <summary>Jobs of killed agents that succeeded all the same: run again, or not killed where the suite believed.</summary>
    public required int KilledButSucceeded { get; init; }

    /// <summary>The longest a job waited for an agent after the fault ended (or after its queueing, if later), seconds.</summary>
    public required double MaxWaitAfterFault { get; init; }

    /// <summary>Fault end to the last of the phase's jobs received by an agent, and to the last one ended, seconds.</summary>
    public required double RecoverySeconds { get; init; }
    public required double DrainSeconds { get; init; }

    /// <summary>Decisions while the fault held, and those whose Scaler answer was 0 although jobs were queued.</summary>
    public required int Decisions { get; init; }
    public required int ZeroAnswersForQueuedJobs { get; init; }

    /// <summary>Decisions while the fault held that had no answer (the Scaler failed or was away): nothing scaled.</summary>
    public required int DecisionsWithoutAnswer { get; init; }

    /// <summary>Executions created from the phase's start to the next phase's.</summary>
    public required int ExecutionsStarted { get; init; }

    public static PhaseResult Measure(
        FaultWindow fault, IReadOnlyList<TaskAgentJobRequest> jobs, IReadOnlyList<DecisionRecord> decisions,
        IReadOnlyList<TimelineSample> timeline, IReadOnlyList<ExecutionRecord> executions, DateTimeOffset phaseStart, DateTimeOffset phaseEnd)
    {
        var killedJobs = fault.Kills.Where(k => k.RequestId is not null).Select(k => k.RequestId!.Value).ToHashSet();
        var ended = jobs.Where(j => j.FinishTime is not null).ToList();
        var during = decisions.Where(d => d.At >= fault.Start && d.At <= fault.End).ToList();
        var waits = jobs.Select(j => ((j.ReceiveTime ?? j.FinishTime ?? DateTimeOffset.UtcNow) - Later(j.QueueTime!.Value, fault.End)).TotalSeconds).ToList();
        return new PhaseResult
        {
            Fault = fault,
            Jobs = jobs.Count,
            Succeeded = ended.Count(j => j.Result is TaskResult.Succeeded),
            EndedWhereKilled = ended.Count(j => killedJobs.Contains(j.RequestId) && j.Result is TaskResult.Abandoned or TaskResult.Failed),
            Lost = jobs.Count - ended.Count,
            FailedElsewhere = ended.Count(j => !killedJobs.Contains(j.RequestId) && j.Result is not TaskResult.Succeeded),
            KilledButSucceeded = ended.Count(j => killedJobs.Contains(j.RequestId) && j.Result is TaskResult.Succeeded),
            MaxWaitAfterFault = waits.Count > 0 ? Math.Max(0, waits.Max()) : 0,
            RecoverySeconds = Since(fault.End, jobs.Select(j => j.ReceiveTime ?? j.FinishTime)),
            DrainSeconds = Since(fault.End, jobs.Select(j => j.FinishTime)),
            Decisions = during.Count,
            ZeroAnswersForQueuedJobs = during.Count(d => d.QueueLength == 0 && QueuedAround(timeline, d.At)),
            DecisionsWithoutAnswer = during.Count(d => d.QueueLength is null),
            ExecutionsStarted = executions.Count(e => e.Created is { } created && created >= phaseStart.UtcDateTime && created < phaseEnd.UtcDateTime),
        };
    }

    /// <summary>
    /// Jobs waited both in the timeline's sample before and in the one after the decision: the queue was not empty
    /// when the Scaler read it, whichever second it read.
    /// </summary>
    private static bool QueuedAround(IReadOnlyList<TimelineSample> timeline, DateTimeOffset at)
    {
        var before = timeline.LastOrDefault(s => s.At <= at);
        var after = timeline.FirstOrDefault(s => s.At >= at);
        return before is { JobsQueued: > 0 } && after is { JobsQueued: > 0 };
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static double Since(DateTimeOffset start, IEnumerable<DateTimeOffset?> times)
    {
        var last = times.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(start).Max();
        return Math.Max(0, (last - start).TotalSeconds);
    }
}
