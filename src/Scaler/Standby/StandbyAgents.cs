using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Services;
using AspireAgents.Scaling.Standby;

namespace AspireAgents.Scaler.Standby;

/// <summary>Resolves a trigger's standby target now: its fixed count, its schedule, or what its pool's history says.</summary>
/// <param name="history">The pools' finished jobs, for <c>standbyAgents: auto</c>.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class StandbyAgents(FinishedJobHistory history, TimeProvider timeProvider)
{
    /// <summary>The standby target for <paramref name="trigger"/> on the pool <paramref name="measurement"/> read.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="measurement">The queue measurement (it names the resolved pool).</param>
    /// <returns>The target; <see cref="StandbyTarget.None"/> when the trigger asks for none.</returns>
    public StandbyTarget Resolve(AzurePipelinesTrigger trigger, QueueMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (!trigger.Standby.IsEnabled)
        {
            return StandbyTarget.None;
        }

        var key = new HistoryKey(trigger.OrganizationUrl.AbsoluteUri, measurement.PoolId, trigger.CredentialKey);
        return trigger.Standby.Resolve(timeProvider.GetUtcNow(), () => history.Estimate(key));
    }
}
