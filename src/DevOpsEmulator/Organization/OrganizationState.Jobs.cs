using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Telemetry;

namespace AspireAgents.DevOpsEmulator.Organization;

internal sealed partial class OrganizationState
{
    /// <summary>
    /// The pool's job requests with the service's quirks: unfinished requests first (oldest first), then finished
    /// ones (latest first); <c>completedRequestCount</c> limits the finished ones; <c>$top</c> includes finished
    /// ones whatever else is asked and omits <c>matchedAgents</c>; never more than <c>Emulator:MaxListCount</c>.
    /// </summary>
    public IReadOnlyList<TaskAgentJobRequest> GetJobRequests(int poolId, JobRequestFilter filter)
    {
        lock (_gate)
        {
            var pool = FindPool(poolId);
            var jobs = _jobs.Where(j => j.Pool == pool && (filter.AgentId is null || j.ReservedAgent?.Id == filter.AgentId)).ToList();
            var unfinished = jobs.Where(j => !j.IsFinished).OrderBy(j => j.RequestId);
            var finished = jobs.Where(j => j.IsFinished).OrderByDescending(j => j.FinishTime).ThenByDescending(j => j.RequestId);
            var cap = Math.Max(0, _options.MaxListCount);
            if (filter.Top is { } top)
            {
                return [.. unfinished.Concat(finished).Take(Math.Min(top, cap)).Select(j => JobToWire(j, includeMatchedAgents: false))];
            }

            var selected = filter.CompletedRequestCount is { } completed ? unfinished.Concat(finished.Take(completed)) : unfinished.Concat(finished);
            return [.. selected.Take(cap).Select(j => JobToWire(j, includeMatchedAgents: true))];
        }
    }

    /// <summary>One job request.</summary>
    public TaskAgentJobRequest GetJobRequest(int poolId, long requestId)
    {
        lock (_gate)
        {
            return JobToWire(FindJob(poolId, requestId), includeMatchedAgents: true);
        }
    }

    /// <summary>
    /// The agent's <c>PATCH</c>: renews the lock (<c>lockedUntil</c>) or, with a <c>result</c>, finishes the job.
    /// The lock token must be the session id the job was delivered through.
    /// </summary>
    public TaskAgentJobRequest UpdateJobRequest(int poolId, long requestId, string? lockToken, TaskAgentJobRequest update)
    {
        lock (_gate)
        {
            var job = FindJob(poolId, requestId);
            if (update.RequestId != 0 && update.RequestId != requestId)
            {
                throw ServiceErrors.InvalidArgument("jobRequest.RequestId", $"The request id {update.RequestId} in the body does not match {requestId} in the route.");
            }

            if (!Guid.TryParse(lockToken, out var token) || job.LockToken is null || job.LockToken != token)
            {
                throw ServiceErrors.BadLockToken(requestId, lockToken);
            }

            if (!job.IsFinished)
            {
                if (update.Result is { } result)
                {
                    Finish(job, result, statusMessage: null);
                }
                else
                {
                    job.LockedUntil = _time.GetUtcNow() + _options.JobLockDuration;
                }
            }

            return JobToWire(job, includeMatchedAgents: true);
        }
    }

    /// <summary>Abandons every running job whose lock expired; returns how many.</summary>
    public int AbandonExpiredLocks()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var expired = _jobs.Where(j => j.IsRunning && j.LockedUntil <= now).ToList();
            foreach (var job in expired)
            {
                var agent = job.ReservedAgent!.Name;
                _logger.JobAbandoned(job.RequestId, agent);
                Finish(job, TaskResult.Abandoned,
                    $"The job has been abandoned because agent {agent} did not renew the lock. Ensure agent is running, not sleeping, and has not lost communication with the service.");
            }

            return expired.Count;
        }
    }

    private JobRecord FindJob(int poolId, long requestId)
    {
        var pool = FindPool(poolId);
        return _jobs.FirstOrDefault(j => j.RequestId == requestId && j.Pool == pool) ?? throw ServiceErrors.JobRequestNotFound(requestId);
    }

    /// <summary>Queues a job; fails it at once when no agent of the pool, online or not, satisfies its demands.</summary>
    private JobRecord QueueJob(RunRecord run, PoolRecord pool, IReadOnlyList<string> demands, IReadOnlyList<JobStep> steps)
    {
        var job = new JobRecord
        {
            RequestId = _nextRequestId++,
            Pool = pool,
            Run = run,
            Demands = demands,
            Steps = steps,
            QueueTime = _time.GetUtcNow(),
        };
        _jobs.Add(job);
        run.Job = job;
        _logger.JobQueued(job.RequestId, pool.Name, run.Id, run.Pipeline.Name);
        EmulatorTelemetry.JobStep("queued", job);

        if (!MatchingAgents(job).Any())
        {
            var message = $"No agent found in pool {pool.Name} which satisfies the specified demands: {string.Join(", ", demands)}";
            _logger.JobFailedNoAgent(job.RequestId, message);
            Finish(job, TaskResult.Failed, message);
            return job;
        }

        AssignQueuedJobs();
        return job;
    }

    /// <summary>Gives each queued job, oldest first, to an online, idle, enabled agent that satisfies its demands.</summary>
    private void AssignQueuedJobs()
    {
        foreach (var job in _jobs.Where(j => j.IsQueued).OrderBy(j => j.RequestId).ToList())
        {
            var agent = MatchingAgents(job).FirstOrDefault(a => a.IsOnline && a.Enabled && a.AssignedJob is null);
            if (agent is null)
            {
                continue;
            }

            var now = _time.GetUtcNow();
            var session = agent.Session!;
            job.ReservedAgent = agent;
            job.AssignTime = now;
            job.LockedUntil = now + _options.JobLockDuration;
            job.LockToken = session.Id;
            agent.AssignedJob = job;
            session.Messages.Add(new MessageRecord(session.NextMessageId++, AgentMessageTypes.JobRequest, JobMessageBody(job), job));
            _logger.JobAssigned(job.RequestId, agent.Name);
            EmulatorTelemetry.JobStep("assigned", job);
            session.Wake();
        }
    }

    private void Finish(JobRecord job, TaskResult result, string? statusMessage)
    {
        job.Result = result;
        job.FinishTime = _time.GetUtcNow();
        job.StatusMessage = statusMessage ?? job.StatusMessage;
        if (job.ReservedAgent is { } agent && agent.AssignedJob == job)
        {
            agent.AssignedJob = null;
        }

        var run = job.Run;
        run.State = RunState.Completed;
        run.FinishedDate = job.FinishTime;
        run.Result = result switch
        {
            TaskResult.Succeeded or TaskResult.SucceededWithIssues or TaskResult.Skipped => RunResult.Succeeded,
            TaskResult.Canceled => RunResult.Canceled,
            _ => RunResult.Failed,
        };
        _logger.JobFinished(job.RequestId, result.ToString());
        EmulatorTelemetry.JobStep("finished", job);
        AssignQueuedJobs();
    }

    private static IEnumerable<AgentRecord> MatchingAgents(JobRecord job)
    {
        var demands = job.Demands.Select(Demand.Parse).ToList();
        return job.Pool.Agents.Where(a => Demand.AllSatisfied(demands, a.Capabilities)).OrderBy(a => a.Id);
    }

    private TaskAgentJobRequest JobToWire(JobRecord job, bool includeMatchedAgents)
    {
        var matched = includeMatchedAgents ? MatchingAgents(job).Select(a => a.ToReference()).ToList() : null;
        return new TaskAgentJobRequest
        {
            RequestId = job.RequestId,
            QueueTime = job.QueueTime,
            AssignTime = job.AssignTime,
            ReceiveTime = job.ReceiveTime,
            FinishTime = job.FinishTime,
            Result = job.Result,
            LockedUntil = job.LockedUntil,
            Demands = job.Demands,
            MatchedAgents = matched,
            MatchesAllAgentsInPool = includeMatchedAgents ? matched!.Count == job.Pool.Agents.Count : null,
            ReservedAgent = job.ReservedAgent?.ToReference(),
            Definition = new TaskOrchestrationOwner(job.Run.Pipeline.Id, job.Run.Pipeline.Name),
            Owner = new TaskOrchestrationOwner(job.Run.Id, job.Run.Name),
            PlanType = "Build",
            PlanId = job.PlanId,
            JobId = job.JobId,
            JobName = job.JobName,
            OrchestrationId = job.OrchestrationId,
            ScopeId = _options.ProjectId,
            HostId = PipelinesServiceOwner,
            ServiceOwner = PipelinesServiceOwner,
            PoolId = job.Pool.Id,
            QueueId = job.Pool.Id,
            Priority = 0,
            Data = new Dictionary<string, string> { ["ParallelismTag"] = "Private", ["IsScheduledKey"] = "false" },
            StatusMessage = job.StatusMessage,
        };
    }

    private string JobMessageBody(JobRecord job)
    {
        var run = job.Run;
        var message = new AgentJobRequestMessage
        {
            RequestId = job.RequestId,
            Plan = new TaskOrchestrationPlanReference(job.PlanId, "Build", _options.ProjectId),
            JobId = job.JobId,
            JobName = job.JobName,
            JobDisplayName = "Job",
            LockedUntil = job.LockedUntil,
            Variables = new Dictionary<string, VariableValue>
            {
                ["system.teamProject"] = new(_options.Project),
                ["system.definitionName"] = new(run.Pipeline.Name),
                ["system.definitionId"] = new(run.Pipeline.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["build.buildId"] = new(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["build.buildNumber"] = new(run.Name),
            },
            Steps = job.Steps,
        };
        return JsonSerializer.Serialize(message, WireContext.Instance.AgentJobRequestMessage);
    }
}
