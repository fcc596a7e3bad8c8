using Microsoft.Extensions.Logging;

namespace AspireAgents.AgentRunner;

/// <summary>The runner's log messages. None of them ever carries a token.</summary>
internal static partial class RunnerLog
{
    [LoggerMessage(1, LogLevel.Error, "{Message}")]
    public static partial void InvalidSetting(this ILogger logger, string message);

    [LoggerMessage(2, LogLevel.Information, "Agent '{AgentName}' for pool '{Pool}' of {OrganizationUrl}; credential: {Credential}; placeholder: {Placeholder}")]
    public static partial void Starting(this ILogger logger, string agentName, string pool, Uri organizationUrl, string credential, bool placeholder);

    [LoggerMessage(3, LogLevel.Error, "{Message}")]
    public static partial void StepFailed(this ILogger logger, string message);

    [LoggerMessage(4, LogLevel.Information, "Pool '{Pool}' has id {PoolId}")]
    public static partial void PoolFound(this ILogger logger, string pool, int poolId);

    [LoggerMessage(5, LogLevel.Information, "Using the agent installed in {Directory}")]
    public static partial void AgentPreInstalled(this ILogger logger, string directory);

    [LoggerMessage(6, LogLevel.Information, "Installing agent {Version} ({Platform}) from {DownloadUrl} into {Directory}")]
    public static partial void InstallingAgent(this ILogger logger, string version, string platform, string downloadUrl, string directory);

    [LoggerMessage(7, LogLevel.Information, "Running {Command}")]
    public static partial void RunningScript(this ILogger logger, string command);

    [LoggerMessage(8, LogLevel.Information, "{Line}")]
    public static partial void AgentOutput(this ILogger logger, string line);

    [LoggerMessage(9, LogLevel.Warning, "{Line}")]
    public static partial void AgentError(this ILogger logger, string line);

    [LoggerMessage(10, LogLevel.Information, "Placeholder agent '{AgentName}' registered in pool '{Pool}'; it stays there, offline")]
    public static partial void PlaceholderRegistered(this ILogger logger, string agentName, string pool);

    [LoggerMessage(11, LogLevel.Information, "Received {Signal}: forwarding it to the agent, then removing the agent")]
    public static partial void SignalReceived(this ILogger logger, string signal);

    [LoggerMessage(12, LogLevel.Information, "The agent ended with exit code {ExitCode}")]
    public static partial void AgentEnded(this ILogger logger, int exitCode);

    [LoggerMessage(13, LogLevel.Warning, "The agent's processes did not stop in time (stop timeout {Timeout}) and were killed")]
    public static partial void AgentKilled(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(14, LogLevel.Information, "Agent '{AgentName}' runs job request {RequestId}")]
    public static partial void JobSeen(this ILogger logger, string agentName, long requestId);

    [LoggerMessage(16, LogLevel.Information, "Agent '{AgentName}' removed from pool '{Pool}'")]
    public static partial void AgentRemoved(this ILogger logger, string agentName, string pool);

    [LoggerMessage(17, LogLevel.Information, "Exiting with {ExitCode} ({Result})")]
    public static partial void Exiting(this ILogger logger, int exitCode, RunnerExitCode result);

    [LoggerMessage(18, LogLevel.Error, "Unexpected error")]
    public static partial void UnexpectedError(this ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Debug, "Looking for the agent's job failed: {Reason}")]
    public static partial void JobLookupFailed(this ILogger logger, string reason);

    [LoggerMessage(20, LogLevel.Information, "The agent runs as {User}, without the runner's credentials; the runner is non-dumpable: {NonDumpable}")]
    public static partial void AgentUserSwitch(this ILogger logger, string user, bool nonDumpable);

    [LoggerMessage(21, LogLevel.Warning, "{Message}")]
    public static partial void BoundaryWarning(this ILogger logger, string message);

    [LoggerMessage(22, LogLevel.Information, "Gave the agent's files their owners ({Fixed} package entries taken back for root); the agent's user owns _diag and {WorkFolder}")]
    public static partial void AgentFilesPrepared(this ILogger logger, int @fixed, string workFolder);

    [LoggerMessage(23, LogLevel.Warning, "{Count} processes of the agent's user were still alive and were killed: {Processes}")]
    public static partial void AgentUserProcessesKilled(this ILogger logger, int count, string processes);

    [LoggerMessage(24, LogLevel.Information, "Agent '{AgentName}' is not in pool '{Pool}': nothing to remove")]
    public static partial void NothingToRemove(this ILogger logger, string agentName, string pool);

    [LoggerMessage(25, LogLevel.Information, "Removal attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void RemovalAttemptFailed(this ILogger logger, int attempt, string reason, TimeSpan delay);
}
