namespace Aspire.Hosting.ApplicationModel;

/// <summary>How executions of a container apps job start.</summary>
public enum ContainerAppJobTriggerType
{
    /// <summary>A scale rule starts executions while events (queued pipeline jobs) wait.</summary>
    Event,

    /// <summary>Executions start on demand, for example the one-off placeholder registration.</summary>
    Manual,

    /// <summary>Executions start on a cron schedule, for example the pool's maintenance every 15 minutes.</summary>
    Schedule,
}
