using System.Globalization;
using System.Net.Http.Json;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AzureDevOps.Tests;

/// <summary>
/// The calls an agent (sessions, messages, job-request updates, registration) and a pipeline user (runs) make, which
/// no AspireAgents service makes: kept here for the tests, on the production client's pipeline and answer checks.
/// </summary>
internal static class AgentProtocolCalls
{
    private const string AgentsRoute = "_apis/distributedtask/pools/{poolId}/agents";
    private const string AgentRoute = "_apis/distributedtask/pools/{poolId}/agents/{agentId}";
    private const string JobRequestRoute = "_apis/distributedtask/pools/{poolId}/jobrequests/{requestId}";
    private const string SessionsRoute = "_apis/distributedtask/pools/{poolId}/sessions";
    private const string SessionRoute = "_apis/distributedtask/pools/{poolId}/sessions/{sessionId}";
    private const string MessagesRoute = "_apis/distributedtask/pools/{poolId}/messages";
    private const string MessageRoute = "_apis/distributedtask/pools/{poolId}/messages/{messageId}";
    private const string PipelinesRoute = "{project}/_apis/pipelines";
    private const string RunsRoute = "{project}/_apis/pipelines/{pipelineId}/runs";
    private const string RunRoute = "{project}/_apis/pipelines/{pipelineId}/runs/{runId}";
    private const string PipelinesApiVersion = "api-version=7.1";

    /// <summary>The long poll for messages lasts about 50 s on the service's side; one attempt may take this long.</summary>
    private static readonly TimeSpan s_longPollTimeout = TimeSpan.FromSeconds(90);

    private static AzureDevOpsJsonContext Json => AzureDevOpsJsonContext.Default;

    /// <summary><c>PATCH …/jobrequests/{requestId}?lockToken=</c>: renews the agent's lock on a running job.</summary>
    public static Task<TaskAgentJobRequest> RenewJobRequestAsync(this AzureDevOpsClient client, int poolId, long requestId, Guid lockToken, CancellationToken cancellationToken = default) =>
        client.PatchJobRequestAsync("RenewJobRequest", poolId, lockToken, new TaskAgentJobRequest { RequestId = requestId }, cancellationToken);

    /// <summary><c>PATCH …/jobrequests/{requestId}?lockToken=</c> with a result: finishes the job.</summary>
    public static Task<TaskAgentJobRequest> FinishJobRequestAsync(this AzureDevOpsClient client, int poolId, long requestId, Guid lockToken, TaskResult result, DateTimeOffset finishTime, CancellationToken cancellationToken = default)
    {
        Sendable(result, TaskResult.Unknown, nameof(result));
        return client.PatchJobRequestAsync("FinishJobRequest", poolId, lockToken, new TaskAgentJobRequest { RequestId = requestId, Result = result, FinishTime = finishTime }, cancellationToken);
    }

    /// <summary><c>POST …/pools/{poolId}/agents</c>: registers an agent.</summary>
    public static Task<TaskAgent> AddAgentAsync(this AzureDevOpsClient client, int poolId, TaskAgent agent, CancellationToken cancellationToken = default)
    {
        Sendable(agent.Status, TaskAgentStatus.Unknown, nameof(agent));
        return client.SendJsonAsync("AddAgent", HttpMethod.Post, AgentsRoute, $"_apis/distributedtask/pools/{Format(poolId)}/agents", JsonContent.Create(agent, Json.TaskAgent), Json.TaskAgent, cancellationToken, poolId);
    }

    /// <summary><c>PUT …/pools/{poolId}/agents/{agentId}</c>: replaces an agent's registration.</summary>
    public static Task<TaskAgent> ReplaceAgentAsync(this AzureDevOpsClient client, int poolId, int agentId, TaskAgent agent, CancellationToken cancellationToken = default)
    {
        Sendable(agent.Status, TaskAgentStatus.Unknown, nameof(agent));
        return client.SendJsonAsync("ReplaceAgent", HttpMethod.Put, AgentRoute, $"_apis/distributedtask/pools/{Format(poolId)}/agents/{Format(agentId)}", JsonContent.Create(agent, Json.TaskAgent), Json.TaskAgent, cancellationToken, poolId);
    }

    /// <summary><c>POST …/pools/{poolId}/sessions</c>: opens a listener session.</summary>
    public static Task<TaskAgentSession> CreateSessionAsync(this AzureDevOpsClient client, int poolId, TaskAgentSession session, CancellationToken cancellationToken = default) =>
        client.SendJsonAsync("CreateSession", HttpMethod.Post, SessionsRoute, $"_apis/distributedtask/pools/{Format(poolId)}/sessions", JsonContent.Create(session, Json.TaskAgentSession), Json.TaskAgentSession, cancellationToken, poolId);

    /// <summary><c>DELETE …/pools/{poolId}/sessions/{sessionId}</c>: closes the session.</summary>
    public static Task DeleteSessionAsync(this AzureDevOpsClient client, int poolId, Guid sessionId, CancellationToken cancellationToken = default) =>
        client.SendNoContentAsync("DeleteSession", HttpMethod.Delete, SessionRoute, $"_apis/distributedtask/pools/{Format(poolId)}/sessions/{sessionId}", cancellationToken, poolId);

    /// <summary><c>GET …/pools/{poolId}/messages?sessionId=&amp;lastMessageId=</c>: long-polls; <see langword="null"/> on 204.</summary>
    public static async Task<TaskAgentMessage?> GetMessageAsync(this AzureDevOpsClient client, int poolId, Guid sessionId, long? lastMessageId = null, CancellationToken cancellationToken = default)
    {
        var path = $"_apis/distributedtask/pools/{Format(poolId)}/messages?sessionId={sessionId}";
        if (lastMessageId is { } last)
        {
            path += "&lastMessageId=" + last.ToString(CultureInfo.InvariantCulture);
        }

        return await client.SendJsonAsync("GetMessage", HttpMethod.Get, MessagesRoute, path, content: null, Json.TaskAgentMessage, cancellationToken, poolId, s_longPollTimeout, noContentIsNone: true).ConfigureAwait(false);
    }

    /// <summary><c>DELETE …/pools/{poolId}/messages/{messageId}?sessionId=</c>: acknowledges a message.</summary>
    public static Task DeleteMessageAsync(this AzureDevOpsClient client, int poolId, Guid sessionId, long messageId, CancellationToken cancellationToken = default) =>
        client.SendNoContentAsync("DeleteMessage", HttpMethod.Delete, MessageRoute, $"_apis/distributedtask/pools/{Format(poolId)}/messages/{messageId.ToString(CultureInfo.InvariantCulture)}?sessionId={sessionId}", cancellationToken, poolId);

    /// <summary><c>GET {project}/_apis/pipelines</c>: the project's pipelines.</summary>
    public static async Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(this AzureDevOpsClient client, string project, CancellationToken cancellationToken = default) =>
        (await client.SendJsonAsync("GetPipelines", HttpMethod.Get, PipelinesRoute, $"{Uri.EscapeDataString(project)}/_apis/pipelines?{PipelinesApiVersion}", content: null, Json.ListResponsePipeline, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>POST {project}/_apis/pipelines/{pipelineId}/runs</c>: queues a run.</summary>
    public static Task<PipelineRun> RunPipelineAsync(this AzureDevOpsClient client, string project, int pipelineId, RunPipelineParameters? parameters = null, CancellationToken cancellationToken = default) =>
        client.SendJsonAsync("RunPipeline", HttpMethod.Post, RunsRoute, $"{Uri.EscapeDataString(project)}/_apis/pipelines/{Format(pipelineId)}/runs?{PipelinesApiVersion}", JsonContent.Create(parameters ?? new RunPipelineParameters(), Json.RunPipelineParameters), Json.PipelineRun, cancellationToken);

    /// <summary><c>GET {project}/_apis/pipelines/{pipelineId}/runs/{runId}</c>: a run's state and result.</summary>
    public static Task<PipelineRun> GetPipelineRunAsync(this AzureDevOpsClient client, string project, int pipelineId, int runId, CancellationToken cancellationToken = default) =>
        client.SendJsonAsync("GetPipelineRun", HttpMethod.Get, RunRoute, $"{Uri.EscapeDataString(project)}/_apis/pipelines/{Format(pipelineId)}/runs/{Format(runId)}?{PipelinesApiVersion}", content: null, Json.PipelineRun, cancellationToken);

    private static Task<TaskAgentJobRequest> PatchJobRequestAsync(this AzureDevOpsClient client, string operation, int poolId, Guid lockToken, TaskAgentJobRequest body, CancellationToken cancellationToken) =>
        client.SendJsonAsync(
            operation,
            HttpMethod.Patch,
            JobRequestRoute,
            $"_apis/distributedtask/pools/{Format(poolId)}/jobrequests/{body.RequestId.ToString(CultureInfo.InvariantCulture)}?lockToken={lockToken}",
            JsonContent.Create(body, Json.TaskAgentJobRequest),
            Json.TaskAgentJobRequest,
            cancellationToken,
            poolId);

    // The Unknown members stand for what was read and not understood; sending one would be inventing a value.
    private static void Sendable<TEnum>(TEnum value, TEnum unknown, string parameter)
        where TEnum : struct, Enum
    {
        if (EqualityComparer<TEnum>.Default.Equals(value, unknown) || !Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{typeof(TEnum).Name} '{value}' is not a value Azure DevOps defines; it cannot be sent.");
        }
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
