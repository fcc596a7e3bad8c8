using AspireAgents.Planner.Records;
using AspireAgents.Scaling;

namespace AspireAgents.Planner.Simulation;

/// <summary>
/// Replays finished jobs through one scaling setting as a discrete-event simulation. Every polling interval the queue the
/// Scaler would report (jobs counted by its rules, plus the standby count) goes through KEDA's arithmetic
/// (<see cref="PollingDecision"/>); each execution started comes online after a start time drawn from the model, takes
/// the oldest waiting job its agent satisfies, receives it after the pickup time, runs it for the job's recorded
/// duration and exits; an agent that finds no job exits after the idle timeout.
/// </summary>
public sealed class Simulator
{
    /// <summary>How far past the last job queued a replay may run before it is given up as one that never drains.</summary>
    private static readonly double Horizon = TimeSpan.FromDays(7).TotalSeconds;

    private readonly SimulationSettings _settings;
    private readonly Random _random;
    private readonly PriorityQueue<Event, (double Time, int Order, long Sequence)> _events = new();
    private readonly Queue<Job> _waiting = new();
    private readonly List<Execution> _idle = [];
    private readonly List<Execution> _executions = [];
    private readonly Job[] _jobs;

    /// <summary>Jobs queued and not yet seen finished by a tick: all a tick counts, so that a long replay stays linear.</summary>
    private readonly List<Job> _live = [];
    private int _unfinishedServed;
    private int _running;
    private long _sequence;

    private Simulator(IReadOnlyList<JobRecord> jobs, SimulationSettings settings, int seed)
    {
        _settings = settings;
        _random = new Random(seed);
        var origin = jobs.Min(j => j.QueueTime);
        _jobs = [.. jobs.OrderBy(j => j.QueueTime).ThenBy(j => j.RequestId).Select(j => new Job(j, origin, settings.Demands))];
    }

    /// <summary>Replays <paramref name="jobs"/> under <paramref name="settings"/>.</summary>
    /// <param name="jobs">Finished jobs; at least one.</param>
    /// <param name="settings">The setting and the agent model.</param>
    /// <param name="seed">Seeds the start-time draws, so that a replay repeats exactly.</param>
    /// <returns>What the replay gave.</returns>
    public static SimulationResult Run(IReadOnlyList<JobRecord> jobs, SimulationSettings settings, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        if (jobs.Count == 0)
        {
            throw new ArgumentException("There is no job to replay.", nameof(jobs));
        }

        if (settings.PollingIntervalSeconds <= 0 || settings.Scaling.MaxExecutions < 1 || settings.Standby < 0 || settings.PickupSeconds < 0 || settings.IdleTimeoutSeconds < 0)
        {
            throw new ArgumentException("The polling interval must be positive, max executions at least 1, standby, pickup and idle timeout not negative.", nameof(settings));
        }

        return new Simulator(jobs, settings, seed).Run();
    }

    private SimulationResult Run()
    {
        foreach (var job in _jobs)
        {
            Schedule(job.Queued, EventKind.Arrive, job: job);
        }

        // Standby agents are already up when the first job comes: the replay starts in the steady state.
        for (var i = 0; i < _settings.Standby; i++)
        {
            var execution = Start(0);
            Schedule(0, EventKind.Online, execution);
        }

        _unfinishedServed = _jobs.Count(j => j.Served);
        Schedule(_settings.FirstTickSeconds, EventKind.Tick);
        var lastQueued = _jobs[^1].Queued;
        while (_events.TryDequeue(out var next, out var key))
        {
            var now = key.Time;
            switch (next.Kind)
            {
                case EventKind.Arrive:
                    _live.Add(next.Job!);
                    if (next.Job!.Served)
                    {
                        Arrive(next.Job, now);
                    }

                    break;
                case EventKind.Online:
                    GoIdleOrWork(next.Execution!, now);
                    break;
                case EventKind.Receive:
                    next.Execution!.Job!.Received = now;
                    Schedule(now + next.Execution.Job.Duration, EventKind.Finish, next.Execution);
                    break;
                case EventKind.Finish:
                    next.Execution!.Job!.Finished = now;
                    _unfinishedServed--;
                    End(next.Execution, now);
                    break;
                case EventKind.IdleExpire when next.Execution!.Idle && next.Execution.IdleSince == next.IdleSince:
                    _idle.Remove(next.Execution);
                    next.Execution.Idle = false;
                    End(next.Execution, now);
                    break;
                case EventKind.Tick when _unfinishedServed > 0:
                    if (now > lastQueued + Horizon)
                    {
                        throw new InvalidOperationException("The replay does not drain: jobs still wait a week after the last one was queued.");
                    }

                    Poll(now);
                    Schedule(now + _settings.PollingIntervalSeconds, EventKind.Tick);
                    break;
            }
        }

        var served = _jobs.Where(j => j.Served).ToList();
        return new SimulationResult(
            served.Count,
            _jobs.Length - served.Count,
            [.. served.Select(j => j.Received!.Value - j.Queued).Order()],
            _executions.Count,
            _executions.Count(e => e.Job is null),
            _executions.Sum(e => e.Ended!.Value - e.Created),
            served.Count == 0 ? 0 : served.Max(j => j.Finished!.Value));
    }

    /// <summary>One polling interval: what the Scaler would report, and KEDA's decision on it.</summary>
    private void Poll(double now)
    {
        _live.RemoveAll(j => j.FinishedBy(now));
        var counted = _live.Count(j => j.Counted && (_settings.ScaleOnInFlight || !j.ReceivedBy(now)));
        var queue = counted + _settings.Standby;
        var running = _running;

        // Pending (created, process not yet running) is not modelled: an execution counts as running from its creation.
        var decision = PollingDecision.Decide(
            _settings.Scaling,
            new ExecutionCounts(running, Pending: 0),
            new ScalerReading("azure-pipelines", queue, _settings.TargetQueueLength, Active: queue > 0));
        for (var i = 0; i < decision.ToStart; i++)
        {
            var execution = Start(now);
            Schedule(now + _settings.StartTime.Sample(_random), EventKind.Online, execution);
        }
    }

    private Execution Start(double now)
    {
        var execution = new Execution(now);
        _executions.Add(execution);
        _running++;
        return execution;
    }

    private void End(Execution execution, double now)
    {
        execution.Ended = now;
        _running--;
    }

    private void Arrive(Job job, double now)
    {
        if (_idle.Count > 0)
        {
            var agent = _idle[0];
            _idle.RemoveAt(0);
            agent.Idle = false;
            Assign(agent, job, now);
        }
        else
        {
            _waiting.Enqueue(job);
        }
    }

    private void GoIdleOrWork(Execution execution, double now)
    {
        if (_waiting.TryDequeue(out var job))
        {
            Assign(execution, job, now);
            return;
        }

        execution.Idle = true;
        execution.IdleSince = now;
        _idle.Add(execution);
        Schedule(now + _settings.IdleTimeoutSeconds, EventKind.IdleExpire, execution, idleSince: now);
    }

    private void Assign(Execution execution, Job job, double now)
    {
        execution.Job = job;
        job.Assigned = now;
        Schedule(now + _settings.PickupSeconds, EventKind.Receive, execution);
    }

    private void Schedule(double time, EventKind kind, Execution? execution = null, Job? job = null, double idleSince = 0) =>
        // A tick sees the state after everything else that happens at the same moment.
        _events.Enqueue(new Event(kind, execution, job, idleSince), (time, kind == EventKind.Tick ? 1 : 0, _sequence++));

    private enum EventKind
    {
        Arrive,
        Online,
        Receive,
        Finish,
        IdleExpire,
        Tick,
    }

    private sealed record Event(EventKind Kind, Execution? Execution, Job? Job, double IdleSince);

    private sealed class Execution(double created)
    {
        public double Created { get; } = created;
        public double? Ended { get; set; }
        public Job? Job { get; set; }
        public bool Idle { get; set; }
        public double IdleSince { get; set; }
    }

    private sealed class Job
    {
        private readonly double _recordedReceived;
        private readonly double _recordedFinished;

        public Job(JobRecord record, DateTimeOffset origin, IReadOnlyList<string> triggerDemands)
        {
            Queued = (record.QueueTime - origin).TotalSeconds;
            Duration = record.Duration.TotalSeconds;
            Counted = DemandRules.Counts(record.Demands, triggerDemands);
            Served = DemandRules.Satisfies(record.Demands, triggerDemands);
            _recordedReceived = (record.ReceiveTime - origin).TotalSeconds;
            _recordedFinished = (record.FinishTime - origin).TotalSeconds;
        }

        public double Queued { get; }
        public double Duration { get; }

        /// <summary>The Scaler counts it.</summary>
        public bool Counted { get; }

        /// <summary>This setting's agents run it; otherwise it keeps its recorded times (other agents ran it).</summary>
        public bool Served { get; }

        public double? Assigned { get; set; }
        public double? Received { get; set; }
        public double? Finished { get; set; }

        public bool ReceivedBy(double now) => Served ? Received <= now : _recordedReceived <= now;

        public bool FinishedBy(double now) => Served ? Finished <= now : _recordedFinished <= now;
    }
}
