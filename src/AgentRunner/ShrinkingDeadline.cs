namespace AspireAgents.AgentRunner;

/// <summary>
/// A deadline that a shutdown signal brings forward but never pushes back: what has its own timeout without a
/// signal (registration, removal) must still end within the time Container Apps leaves after SIGTERM.
/// </summary>
internal sealed class ShrinkingDeadline : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationTokenRegistration _signalled;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <summary>
    /// A deadline <paramref name="timeout"/> from now, or <paramref name="afterSignal"/> after the shutdown signal
    /// when that is sooner (at once when the signal came that long ago).
    /// </summary>
    public ShrinkingDeadline(TimeSpan timeout, ShutdownSignal shutdown, TimeSpan afterSignal, TimeProvider time)
    {
        _time = time;
        _cancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        At = timeout == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time.GetUtcNow() + timeout;
        Schedule();
        // Runs at once when the signal has already come.
        _signalled = shutdown.Token.Register(() => BringForward(shutdown.ReceivedAt!.Value + afterSignal));
    }

    /// <summary>When it is.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Cancelled when it passes.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Time left until it passes.</summary>
    public TimeSpan Left => At == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : At - _time.GetUtcNow();

    /// <inheritdoc />
    public void Dispose()
    {
        _signalled.Dispose();
        _cancellation.Dispose();
    }

    private void BringForward(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (at >= At)
            {
                return;
            }

            At = at;
            Schedule();
        }
    }

    private void Schedule()
    {
        if (At == DateTimeOffset.MaxValue)
        {
            return;
        }

        var left = At - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            _cancellation.Cancel();
        }
        else
        {
            _cancellation.CancelAfter(left);
        }
    }
}
