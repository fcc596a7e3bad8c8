using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Telemetry;

namespace AspireAgents.DevOpsEmulator.Organization;

internal sealed partial class OrganizationState
{
    /// <summary>Opens a listener session: the agent goes online and may be assigned a job.</summary>
    public TaskAgentSession CreateSession(int poolId, TaskAgentSession session)
    {
        lock (_gate)
        {
            var pool = FindPool(poolId);
            var agent = pool.Agents.FirstOrDefault(a => a.Id == session.Agent.Id)
                ?? pool.Agents.FirstOrDefault(a => session.Agent.Id == 0 && a.Name.Equals(session.Agent.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw ServiceErrors.AgentNotFound(poolId, session.Agent.Id);
            if (agent.Session is not null)
            {
                throw ServiceErrors.SessionConflict(agent.Name);
            }

            var record = new SessionRecord(Guid.NewGuid(), agent, session.OwnerName) { LastPolled = _time.GetUtcNow() };
            agent.Session = record;
            agent.StatusChangedOn = _time.GetUtcNow();
            if (session.SystemCapabilities is { Count: > 0 } capabilities)
            {
                agent.SystemCapabilities = new Dictionary<string, string>(capabilities, StringComparer.OrdinalIgnoreCase);
            }

            _sessions[record.Id] = record;
            _onlineMax = Math.Max(_onlineMax, _sessions.Count);
            _logger.AgentStatusChanged(agent.Name, "online", record.Id);
            AssignQueuedJobs();
            return new TaskAgentSession
            {
                SessionId = record.Id,
                OwnerName = record.OwnerName,
                Agent = agent.ToReference(),
                SystemCapabilities = new Dictionary<string, string>(agent.SystemCapabilities),
            };
        }
    }

    /// <summary>Closes a listener session: the agent goes offline.</summary>
    public void DeleteSession(int poolId, Guid sessionId)
    {
        SessionRecord session;
        lock (_gate)
        {
            session = FindSession(poolId, sessionId);
            CloseSession(session);
            AssignQueuedJobs();
        }

        session.Wake();
    }

    /// <summary>
    /// Long-polls for the session's next message after <paramref name="lastMessageId"/>: answers as soon as
    /// one is there, or <see langword="null"/> when <c>Emulator:MessageWaitTimeout</c> passes first.
    /// Delivering a job-request message sets the request's <c>receiveTime</c>.
    /// </summary>
    public async Task<TaskAgentMessage?> GetMessageAsync(int poolId, Guid sessionId, long? lastMessageId, CancellationToken cancellationToken)
    {
        SessionRecord polled;
        lock (_gate)
        {
            polled = FindSession(poolId, sessionId);
            polled.Polls++;
            polled.LastPolled = _time.GetUtcNow();
        }

        try
        {
            return await WaitForMessageAsync(poolId, sessionId, lastMessageId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                polled.Polls--;
                polled.LastPolled = _time.GetUtcNow();
            }
        }
    }

    /// <summary>
    /// Closes the sessions whose listener has not polled for <c>Emulator:SessionIdleTimeout</c>: their agents go
    /// offline, as the service marks an agent offline once its listener stops polling (a killed process, a lost
    /// node). Its delay is not documented; the emulator's is a setting.
    /// </summary>
    /// <returns>How many sessions were closed.</returns>
    public int CloseIdleSessions()
    {
        lock (_gate)
        {
            var idleSince = _time.GetUtcNow() - _options.SessionIdleTimeout;
            var idle = _sessions.Values.Where(s => s.Polls == 0 && s.LastPolled <= idleSince).ToList();
            foreach (var session in idle)
            {
                CloseSession(session);
                session.Wake();
            }

            if (idle.Count > 0)
            {
                AssignQueuedJobs();
            }

            return idle.Count;
        }
    }

    private async Task<TaskAgentMessage?> WaitForMessageAsync(int poolId, Guid sessionId, long? lastMessageId, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.MessageWaitTimeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var session = FindSession(poolId, sessionId);
                var message = session.Messages.FirstOrDefault(m => lastMessageId is null || m.Id > lastMessageId);
                if (message is not null)
                {
                    if (message.Job is { ReceiveTime: null, IsFinished: false } job)
                    {
                        job.ReceiveTime = _time.GetUtcNow();
                        _logger.JobReceived(job.RequestId, session.Agent.Name);
                        EmulatorTelemetry.JobStep("received", job);
                    }

                    return new TaskAgentMessage(message.Id, message.MessageType, message.Body);
                }

                changed = session.Changed;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await changed.WaitAsync(remaining, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    /// <summary>Acknowledges (deletes) a message of the session.</summary>
    public void DeleteMessage(int poolId, Guid sessionId, long messageId)
    {
        lock (_gate)
        {
            var session = FindSession(poolId, sessionId);
            // Deleting a message twice is harmless, as on the service.
            session.Messages.RemoveAll(m => m.Id == messageId);
        }
    }

    private SessionRecord FindSession(int poolId, Guid sessionId)
    {
        var pool = FindPool(poolId);
        return _sessions.TryGetValue(sessionId, out var session) && session.Agent.Pool == pool
            ? session
            : throw ServiceErrors.SessionExpired(sessionId);
    }

    private void CloseSession(SessionRecord session)
    {
        _sessions.Remove(session.Id);
        var agent = session.Agent;
        agent.Session = null;
        agent.StatusChangedOn = _time.GetUtcNow();

        // A job reserved but never delivered goes back to the queue; a delivered one stays with its lock.
        if (agent.AssignedJob is { ReceiveTime: null, IsFinished: false } undelivered)
        {
            undelivered.ReservedAgent = null;
            undelivered.AssignTime = null;
            undelivered.LockedUntil = null;
            undelivered.LockToken = null;
            agent.AssignedJob = null;
        }

        _logger.AgentStatusChanged(agent.Name, "offline", session.Id);
    }
}
