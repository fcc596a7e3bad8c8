using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>
/// Abandons jobs whose lock expired and closes the sessions of listeners that stopped polling, every <c>Emulator:HousekeepingInterval</c> of the <see cref="TimeProvider"/>'s time.
/// (Long polls wake on their own: each waits on its session's signal with a <see cref="TimeProvider"/> timeout.)
/// </summary>
internal sealed class JobLockHousekeeper(OrganizationState state, TimeProvider time, IOptions<EmulatorOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HousekeepingInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                state.AbandonExpiredLocks();
                state.CloseIdleSessions();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
