using System.Runtime.InteropServices;
using AspireAgents.AgentRunner.DevOps;
using Microsoft.Extensions.Logging;

namespace AspireAgents.AgentRunner;

/// <summary>
/// Stops an agent that received no job within <c>AZP_IDLE_TIMEOUT_SECONDS</c> of its listener starting, so a standby
/// agent started for a window outlives the window by that much at most. Before stopping it asks Azure DevOps whether a
/// job was assigned to the agent meanwhile (its output may not have shown it yet): then the agent keeps it. The stop is
/// the same SIGTERM a replica gets, so the listener closes its session and the runner removes the agent and exits 0.
/// </summary>
internal static partial class IdleExit
{
    /// <summary>Completes with SIGTERM when the agent stayed idle for <paramref name="timeout"/>; never otherwise.</summary>
    /// <param name="timeout">The idle timeout; <see langword="null"/> never completes.</param>
    /// <param name="job">What the runner has seen of the agent's job.</param>
    /// <param name="assigned">Asks Azure DevOps for the agent; true when a job is assigned to it.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Ends the wait when the agent ends on its own.</param>
    public static async Task<PosixSignal> WhenIdleAsync(
        TimeSpan? timeout, JobObservation job, Func<CancellationToken, Task<bool>> assigned, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if (timeout is { } idle)
        {
            try
            {
                await Task.Delay(idle, time, cancellationToken).ConfigureAwait(false);
                if (!job.ReceivedJob && !await AssignedAsync(assigned, logger, cancellationToken).ConfigureAwait(false))
                {
                    LogIdle(logger, idle.TotalSeconds);
                    return PosixSignal.SIGTERM;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        return await new TaskCompletionSource<PosixSignal>().Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AssignedAsync(Func<CancellationToken, Task<bool>> assigned, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await assigned(cancellationToken).ConfigureAwait(false);
        }
        catch (AgentPoolApiException e)
        {
            // Not knowing is not a reason to keep an idle agent: its output has not shown a job either.
            logger.JobLookupFailed(e.Message);
            return false;
        }
    }

    [LoggerMessage(60, LogLevel.Information, "No job within the idle timeout of {Seconds} s (" + EnvironmentNames.IdleTimeout + "): stopping the agent", EventName = "IdleTimeout")]
    private static partial void LogIdle(ILogger logger, double seconds);
}
