using System.Runtime.InteropServices;

namespace AspireAgents.AgentRunner;

/// <summary>
/// SIGTERM (Azure Container Apps stopping the replica) or SIGINT (Ctrl+C) received by the runner. The runner
/// does not die on them: it forwards them to the agent, then removes the agent before the deadline.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource<PosixSignal> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TimeProvider _time;
    private readonly List<PosixSignalRegistration> _registrations = [];

    /// <summary>Creates the signal; <see cref="Listen"/> hooks it to the process's signals.</summary>
    public ShutdownSignal(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Completes with the first signal received.</summary>
    public Task<PosixSignal> WhenReceived => _received.Task;

    /// <summary>Cancelled when a signal is received.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Received => _received.Task.IsCompletedSuccessfully ? _received.Task.Result : null;

    /// <summary>When the first signal was received.</summary>
    public DateTimeOffset? ReceivedAt { get; private set; }

    /// <summary>Handles SIGTERM and SIGINT from now on instead of letting them end the process.</summary>
    public void Listen()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Request(context.Signal);
            }));
        }
    }

    /// <summary>Records <paramref name="signal"/> as received (the first one counts).</summary>
    public void Request(PosixSignal signal)
    {
        lock (_registrations)
        {
            if (_received.Task.IsCompleted)
            {
                return;
            }

            ReceivedAt = _time.GetUtcNow();
            _received.TrySetResult(signal);
        }

        _cancellation.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }
}
