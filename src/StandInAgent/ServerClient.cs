using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.StandInAgent;

/// <summary>The agent's calls to the organisation (routes in docs/agent-protocol.md).</summary>
internal sealed class ServerClient(HttpClient http, string organizationUrl, IAgentCredential credential)
{
    private static AzureDevOpsJsonContext Json => AzureDevOpsJsonContext.Default;

    public async Task<ConnectionData> GetConnectionDataAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, $"{organizationUrl.TrimEnd('/')}/_apis/connectionData?connectOptions=1&lastChangeId=-1&lastChangeId64=-1", null, Json.ConnectionData, cancellationToken).ConfigureAwait(false)).Require();

    /// <summary>Creates a log in the job's plan.</summary>
    public async Task<TaskLog> CreateLogAsync(TaskOrchestrationPlanReference plan, string path, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, PlanLogs(plan), JsonContent.Create(new TaskLog { Path = path }, Json.TaskLog), Json.TaskLog, cancellationToken).ConfigureAwait(false)).Require();

    /// <summary>Appends lines to a log of the job's plan.</summary>
    public async Task AppendLogAsync(TaskOrchestrationPlanReference plan, int logId, string lines, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"{PlanLogs(plan)}/{logId}", new StringContent(lines, System.Text.Encoding.UTF8, "application/octet-stream"), Json.TaskLog, cancellationToken).ConfigureAwait(false);

    private string PlanLogs(TaskOrchestrationPlanReference plan) =>
        $"{organizationUrl.TrimEnd('/')}/{plan.ScopeIdentifier}/_apis/distributedtask/hubs/{plan.PlanType}/plans/{plan.PlanId}/logs";

    private string Pools => $"{organizationUrl.TrimEnd('/')}/_apis/distributedtask/pools";

    public async Task<TaskAgentPool?> FindPoolAsync(string name, CancellationToken cancellationToken)
    {
        var pools = await SendAsync(HttpMethod.Get, $"{Pools}?poolName={Uri.EscapeDataString(name)}", null, Json.ListResponseTaskAgentPool, cancellationToken).ConfigureAwait(false);
        return pools.Value?.Value.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<TaskAgent?> FindAgentAsync(int poolId, string name, CancellationToken cancellationToken)
    {
        var agents = await SendAsync(HttpMethod.Get, $"{Pools}/{poolId}/agents?agentName={Uri.EscapeDataString(name)}", null, Json.ListResponseTaskAgent, cancellationToken).ConfigureAwait(false);
        return agents.Value?.Value.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<TaskAgent> AddAgentAsync(int poolId, TaskAgent agent, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, $"{Pools}/{poolId}/agents", JsonContent.Create(agent, Json.TaskAgent), Json.TaskAgent, cancellationToken).ConfigureAwait(false)).Require();

    public async Task<TaskAgent> ReplaceAgentAsync(int poolId, TaskAgent agent, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Put, $"{Pools}/{poolId}/agents/{agent.Id}", JsonContent.Create(agent, Json.TaskAgent), Json.TaskAgent, cancellationToken).ConfigureAwait(false)).Require();

    public async Task DeleteAgentAsync(int poolId, int agentId, CancellationToken cancellationToken) =>
        await SendAsync<TaskAgent>(HttpMethod.Delete, $"{Pools}/{poolId}/agents/{agentId}", null, null, cancellationToken).ConfigureAwait(false);

    public async Task<TaskAgentSession> CreateSessionAsync(int poolId, TaskAgentSession session, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, $"{Pools}/{poolId}/sessions", JsonContent.Create(session, Json.TaskAgentSession), Json.TaskAgentSession, cancellationToken).ConfigureAwait(false)).Require();

    public async Task DeleteSessionAsync(int poolId, Guid sessionId, CancellationToken cancellationToken) =>
        await SendAsync<TaskAgentSession>(HttpMethod.Delete, $"{Pools}/{poolId}/sessions/{sessionId}", null, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Long-polls for the next message; <see langword="null"/> when the wait ended with none.</summary>
    public async Task<TaskAgentMessage?> GetMessageAsync(int poolId, Guid sessionId, long? lastMessageId, CancellationToken cancellationToken)
    {
        var url = $"{Pools}/{poolId}/messages?sessionId={sessionId}";
        if (lastMessageId is { } last)
        {
            url += $"&lastMessageId={last}";
        }

        return (await SendAsync(HttpMethod.Get, url, null, Json.TaskAgentMessage, cancellationToken).ConfigureAwait(false)).Value;
    }

    public async Task DeleteMessageAsync(int poolId, Guid sessionId, long messageId, CancellationToken cancellationToken) =>
        await SendAsync<TaskAgentMessage>(HttpMethod.Delete, $"{Pools}/{poolId}/messages/{messageId}?sessionId={sessionId}", null, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Renews the lock (no result) or finishes the job (with a result).</summary>
    public async Task<TaskAgentJobRequest> UpdateJobRequestAsync(int poolId, Guid lockToken, TaskAgentJobRequest update, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, $"{Pools}/{poolId}/jobrequests/{update.RequestId}?lockToken={lockToken}", JsonContent.Create(update, Json.TaskAgentJobRequest), Json.TaskAgentJobRequest, cancellationToken).ConfigureAwait(false)).Require();

    private async Task<Answer<T>> SendAsync<T>(HttpMethod method, string url, HttpContent? content, JsonTypeInfo<T>? type, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Authorization = await credential.GetHeaderAsync(refresh: attempt > 1, cancellationToken).ConfigureAwait(false);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1 && content is null)
            {
                continue;
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NonAuthoritativeInformation
                || response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                throw new ServerException(HttpStatusCode.Unauthorized, $"{method} {Route(url)}: the service refused the credentials ({await ServiceMessageAsync(response, cancellationToken).ConfigureAwait(false)}).");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ServerException(response.StatusCode, $"{method} {Route(url)} answered {(int)response.StatusCode}: {await ServiceMessageAsync(response, cancellationToken).ConfigureAwait(false)}");
            }

            if (type is null || response.StatusCode == HttpStatusCode.NoContent)
            {
                return default;
            }

            return new Answer<T>(await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false));
        }
    }

    private static string Route(string url) => new Uri(url).AbsolutePath;

    private static async Task<string> ServiceMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, AzureDevOpsJsonContext.Default.AzureDevOpsError)?.Message ?? response.ReasonPhrase ?? "";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    private readonly record struct Answer<T>(T? Value)
    {
        public T Require() => Value ?? throw new ServerException(HttpStatusCode.NoContent, "The service answered without a body.");
    }
}

/// <summary>A call was refused or failed; <see cref="StatusCode"/> says how.</summary>
internal sealed class ServerException(HttpStatusCode statusCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
