using Microsoft.Extensions.Logging;

namespace AspireAgents.DevOpsEmulator.Telemetry;

/// <summary>The emulator's log messages.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Azure DevOps organisation served at {OrganizationUrl} (project {Project}); well-known PAT accepted as Basic password")]
    public static partial void ServingOrganization(this ILogger logger, string organizationUrl, string project);

    [LoggerMessage(2, LogLevel.Information, "Managed identity endpoint: IDENTITY_ENDPOINT={IdentityEndpoint} with IDENTITY_HEADER from Emulator:IdentityHeader")]
    public static partial void ServingIdentityEndpoint(this ILogger logger, string identityEndpoint);

    [LoggerMessage(3, LogLevel.Information, "Job request {RequestId} queued in pool {Pool} for run {RunId} of pipeline {Pipeline}")]
    public static partial void JobQueued(this ILogger logger, long requestId, string pool, int runId, string pipeline);

    [LoggerMessage(4, LogLevel.Information, "Job request {RequestId} assigned to agent {Agent}")]
    public static partial void JobAssigned(this ILogger logger, long requestId, string agent);

    [LoggerMessage(5, LogLevel.Information, "Job request {RequestId} received by agent {Agent}")]
    public static partial void JobReceived(this ILogger logger, long requestId, string agent);

    [LoggerMessage(6, LogLevel.Information, "Job request {RequestId} finished: {Result}")]
    public static partial void JobFinished(this ILogger logger, long requestId, string result);

    [LoggerMessage(7, LogLevel.Warning, "Job request {RequestId} failed at once: {Message}")]
    public static partial void JobFailedNoAgent(this ILogger logger, long requestId, string message);

    [LoggerMessage(8, LogLevel.Warning, "Job request {RequestId} abandoned: agent {Agent} did not renew its lock")]
    public static partial void JobAbandoned(this ILogger logger, long requestId, string agent);

    [LoggerMessage(9, LogLevel.Information, "Agent {Agent} ({AgentId}) {Change} in pool {Pool}")]
    public static partial void AgentChanged(this ILogger logger, string agent, int agentId, string change, string pool);

    [LoggerMessage(10, LogLevel.Information, "Agent {Agent} is {Status} (session {SessionId})")]
    public static partial void AgentStatusChanged(this ILogger logger, string agent, string status, Guid sessionId);

    [LoggerMessage(11, LogLevel.Information, "No agent package configured: packages/agent answers an empty list. Set Emulator:AgentPackage:Path to a .tar.gz or Emulator:AgentPackage:Directory to a folder to pack")]
    public static partial void AgentPackageNotConfigured(this ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "Agent package {FileName} ({Version}, {Platform}) ready, SHA-256 {Hash}")]
    public static partial void AgentPackageReady(this ILogger logger, string fileName, string version, string platform, string hash);

    [LoggerMessage(13, LogLevel.Error, "Agent package could not be prepared from {Source}")]
    public static partial void AgentPackageFailed(this ILogger logger, Exception exception, string source);

    [LoggerMessage(14, LogLevel.Debug, "Request to {Path} refused: {Reason}")]
    public static partial void AuthenticationFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(15, LogLevel.Information, "Injected fault {FaultId} answered {Method} {Path}")]
    public static partial void FaultInjected(this ILogger logger, int faultId, string method, string path);

    [LoggerMessage(16, LogLevel.Error, "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledError(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(17, LogLevel.Information, "Emulator state reset to its configuration")]
    public static partial void StateReset(this ILogger logger);

    [LoggerMessage(18, LogLevel.Information, "Token issued to identity {Identity} for resource {Resource}, valid until {ExpiresOn}")]
    public static partial void TokenIssued(this ILogger logger, string identity, string resource, DateTimeOffset expiresOn);

    [LoggerMessage(19, LogLevel.Information, "Rate limit: {Identity} used its budget of {Limit} requests; answering 429 for {RetryAfterSeconds} s")]
    public static partial void RateLimited(this ILogger logger, string identity, int limit, long retryAfterSeconds);

    [LoggerMessage(30, LogLevel.Information, "Agent {Agent} ({AgentId}) got an access token for {Lifetime}")]
    public static partial void AgentTokenIssued(this ILogger logger, string agent, int agentId, TimeSpan lifetime);

    [LoggerMessage(31, LogLevel.Warning, "Agent token request refused: {Reason}")]
    public static partial void AgentTokenRefused(this ILogger logger, string reason);
}
