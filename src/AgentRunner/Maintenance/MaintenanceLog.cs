using Microsoft.Extensions.Logging;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>A maintenance run's log messages.</summary>
internal static partial class MaintenanceLog
{
    [LoggerMessage(40, LogLevel.Information, "Maintenance of pool '{Pool}' ({PoolId}): agents named {Pattern}, registered over {GracePeriod} ago, offline and without a job are removed; placeholder '{Placeholder}'")]
    public static partial void MaintenanceStarting(this ILogger logger, string pool, int poolId, string pattern, TimeSpan gracePeriod, string placeholder);

    [LoggerMessage(41, LogLevel.Information, "Placeholder '{Placeholder}': {State} ({Detail})")]
    public static partial void PlaceholderFound(this ILogger logger, string placeholder, PlaceholderState state, string detail);

    [LoggerMessage(42, LogLevel.Warning, "Placeholder '{Placeholder}' is {State}: registering it again")]
    public static partial void PlaceholderRepairing(this ILogger logger, string placeholder, PlaceholderState state);

    [LoggerMessage(43, LogLevel.Error, "Placeholder '{Placeholder}' could not be registered again ({Result}): jobs queued while the pool holds no agent fail at once")]
    public static partial void PlaceholderRepairFailed(this ILogger logger, string placeholder, RunnerExitCode result);

    [LoggerMessage(44, LogLevel.Information, "Removed agent '{AgentName}' ({AgentId}), registered {CreatedOn:u}: offline, without a job")]
    public static partial void AgentSwept(this ILogger logger, string? agentName, int agentId, DateTimeOffset? createdOn);

    [LoggerMessage(45, LogLevel.Information, "Kept agent '{AgentName}' ({AgentId}): {Reason}")]
    public static partial void AgentKept(this ILogger logger, string? agentName, int agentId, AgentVerdictReason reason);

    [LoggerMessage(46, LogLevel.Warning, "Agent '{AgentName}' ({AgentId}) could not be removed: {Reason}")]
    public static partial void AgentRemovalRefused(this ILogger logger, string? agentName, int agentId, string reason);

    [LoggerMessage(47, LogLevel.Information, "Maintenance done: {Removed} removed, {Kept} kept, placeholder {State}{Registered}")]
    public static partial void MaintenanceDone(this ILogger logger, int removed, int kept, PlaceholderState state, string registered);
}
