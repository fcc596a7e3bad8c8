using Microsoft.AspNetCore.Http;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>The errors the emulated service answers with, worded as Azure DevOps words them.</summary>
internal static class ServiceErrors
{
    private const string DistributedTask = "Microsoft.TeamFoundation.DistributedTask.WebApi";

    private static ServiceException TaskAgent(int status, string typeKey, string message) =>
        new(status, message, typeKey, $"{DistributedTask}.{typeKey}, {DistributedTask}");

    public static ServiceException PoolNotFound(int poolId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskAgentPoolNotFoundException", $"No agent pool found with identifier {poolId}.");

    public static ServiceException AgentNotFound(int poolId, int agentId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskAgentNotFoundException", $"No agent found in pool {poolId} with identifier {agentId}.");

    public static ServiceException AgentExists(string name, string pool) =>
        TaskAgent(StatusCodes.Status409Conflict, "TaskAgentExistsException", $"An agent named {name} already exists in the pool {pool}.");

    public static ServiceException AgentBusy(string name, long requestId) =>
        TaskAgent(StatusCodes.Status409Conflict, "TaskAgentJobStillRunningException",
            $"The agent {name} is running job request {requestId} and cannot be deleted. Wait for the job to finish, then try again.");

    public static ServiceException SessionConflict(string agentName) =>
        TaskAgent(StatusCodes.Status409Conflict, "TaskAgentSessionConflictException",
            $"A session for agent {agentName} already exists.");

    public static ServiceException SessionExpired(Guid sessionId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskAgentSessionExpiredException",
            $"The session {sessionId} has expired or does not exist.");

    public static ServiceException MessageNotFound(long messageId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskAgentMessageNotFoundException", $"No message found with identifier {messageId}.");

    public static ServiceException JobRequestNotFound(long requestId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskAgentJobNotFoundException", $"No job request found with identifier {requestId}.");

    public static ServiceException BadLockToken(long requestId, string? lockToken) =>
        TaskAgent(StatusCodes.Status400BadRequest, "TaskAgentJobTokenExpiredException",
            $"The job request {requestId} is not locked by the session {lockToken ?? "(none)"}: the lock token does not match the lock holder.");

    public static ServiceException ProjectNotFound(string project) =>
        new(StatusCodes.Status404NotFound,
            $"TF200016: The following project does not exist: {project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.",
            "ProjectDoesNotExistWithNameException",
            "Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException, Microsoft.TeamFoundation.Core.WebApi");

    public static ServiceException PipelineNotFound(int pipelineId) =>
        new(StatusCodes.Status404NotFound, $"Pipeline with id {pipelineId} not found.", "PipelineNotFoundException",
            "Microsoft.Azure.Pipelines.WebApi.PipelineNotFoundException, Microsoft.Azure.Pipelines.WebApi");

    public static ServiceException RunNotFound(int runId) =>
        new(StatusCodes.Status404NotFound, $"Run with id {runId} not found.", "RunNotFoundException",
            "Microsoft.Azure.Pipelines.WebApi.RunNotFoundException, Microsoft.Azure.Pipelines.WebApi");

    public static ServiceException UnexpectedParameter(string name) =>
        new(StatusCodes.Status400BadRequest, $"Unexpected parameter '{name}'", "PipelineValidationException",
            "Microsoft.Azure.Pipelines.WebApi.PipelineValidationException, Microsoft.Azure.Pipelines.WebApi");

    public static ServiceException InvalidParameter(string name, string reason) =>
        new(StatusCodes.Status400BadRequest, $"The value of parameter '{name}' is not valid: {reason}", "PipelineValidationException",
            "Microsoft.Azure.Pipelines.WebApi.PipelineValidationException, Microsoft.Azure.Pipelines.WebApi");

    public static ServiceException MissingBody(string parameter) =>
        new(StatusCodes.Status400BadRequest, $"Value cannot be null.\r\nParameter name: {parameter}", "ArgumentNullException",
            "System.ArgumentNullException, mscorlib");

    public static ServiceException InvalidBody(string detail) =>
        new(StatusCodes.Status400BadRequest, $"The request content is not valid JSON: {detail}", "VssRequestContentException",
            "Microsoft.VisualStudio.Services.WebApi.VssRequestContentException, Microsoft.VisualStudio.Services.WebApi");

    public static ServiceException InvalidArgument(string parameter, string message) =>
        new(StatusCodes.Status400BadRequest, $"{message}\r\nParameter name: {parameter}", "ArgumentException",
            "System.ArgumentException, mscorlib");

    public static ServiceException AccessDenied(string message) =>
        new(StatusCodes.Status403Forbidden, message, "AccessCheckException",
            "Microsoft.VisualStudio.Services.Security.AccessCheckException, Microsoft.VisualStudio.Services.WebApi");

    public static ServiceException BuildNotFound(int buildId) =>
        new(StatusCodes.Status404NotFound, $"The requested build {buildId} could not be found.", "BuildNotFoundException",
            "Microsoft.TeamFoundation.Build.WebApi.BuildNotFoundException, Microsoft.TeamFoundation.Build2.WebApi");

    public static ServiceException BuildLogNotFound(int buildId, int logId) =>
        new(StatusCodes.Status404NotFound, $"The log {logId} of build {buildId} could not be found.", "BuildLogNotFoundException",
            "Microsoft.TeamFoundation.Build.WebApi.BuildLogNotFoundException, Microsoft.TeamFoundation.Build2.WebApi");

    public static ServiceException PlanNotFound(Guid planId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskOrchestrationPlanNotFoundException", $"No plan found with identifier {planId}.");

    public static ServiceException TaskLogNotFound(int logId) =>
        TaskAgent(StatusCodes.Status404NotFound, "TaskLogNotFoundException", $"No log found with identifier {logId}.");
}
