namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A listener session: its agent, its undelivered or unacknowledged messages and its long-poll wake-up.</summary>
internal sealed class SessionRecord(Guid id, AgentRecord agent, string ownerName)
{
    private TaskCompletionSource _signal = NewSignal();

    public Guid Id { get; } = id;

    public AgentRecord Agent { get; } = agent;

    public string OwnerName { get; } = ownerName;

    public List<MessageRecord> Messages { get; } = [];

    public long NextMessageId { get; set; } = 1;

    /// <summary>Long polls of the listener waiting now: while one waits, the listener is alive.</summary>
    public int Polls { get; set; }

    /// <summary>When the listener last started or ended a long poll (or opened the session).</summary>
    public DateTimeOffset LastPolled { get; set; }

    /// <summary>A task that completes when something for this session changes; renewed after each wake-up.</summary>
    public Task Changed
    {
        get
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = NewSignal();
            }

            return _signal.Task;
        }
    }

    /// <summary>Wakes every long poll waiting on this session.</summary>
    public void Wake() => _signal.TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
