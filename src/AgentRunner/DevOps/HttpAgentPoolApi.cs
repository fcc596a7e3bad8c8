using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AspireAgents.AgentRunner.Tokens;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.DevOps;

/// <summary>The runner's Azure DevOps calls over <see cref="HttpClient"/>, authenticated with the registration credential.</summary>
internal sealed class HttpAgentPoolApi(HttpClient http, RunnerSettings settings, RegistrationTokenProvider tokens) : IAgentPoolApi
{
    /// <inheritdoc />
    public async Task<TaskAgentPool?> FindPoolAsync(string poolName, CancellationToken cancellationToken)
    {
        var pools = await GetAsync($"_apis/distributedtask/pools?poolName={Uri.EscapeDataString(poolName)}", AzureDevOpsJsonContext.Default.ListResponseTaskAgentPool, cancellationToken).ConfigureAwait(false);
        return pools?.Value.FirstOrDefault(p => string.Equals(p.Name, poolName, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public async Task<PackageMetadata?> FindAgentPackageAsync(string platform, CancellationToken cancellationToken)
    {
        var packages = await GetAsync($"_apis/distributedtask/packages/agent?platform={Uri.EscapeDataString(platform)}&top=1", AzureDevOpsJsonContext.Default.ListResponsePackageMetadata, cancellationToken).ConfigureAwait(false);
        return packages?.Value.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<TaskAgent?> FindAgentAsync(int poolId, string agentName, CancellationToken cancellationToken)
    {
        var agents = await GetAsync($"_apis/distributedtask/pools/{poolId}/agents?agentName={Uri.EscapeDataString(agentName)}&includeAssignedRequest=true", AzureDevOpsJsonContext.Default.ListResponseTaskAgent, cancellationToken).ConfigureAwait(false);
        return agents?.Value.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskAgentJobRequest>> FindJobRequestsAsync(int poolId, int agentId, CancellationToken cancellationToken)
    {
        var requests = await GetAsync($"_apis/distributedtask/pools/{poolId}/jobrequests?agentId={agentId}&completedRequestCount=1", AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest, cancellationToken).ConfigureAwait(false);
        return requests?.Value ?? [];
    }

    private async Task<T?> GetAsync<T>(string route, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var url = new Uri($"{settings.OrganizationUrl.ToString().TrimEnd('/')}/{route}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = tokens.TokenCredential is null
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($":{token}")))
            : new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AgentPoolApiException($"GET {url.GetLeftPart(UriPartial.Path)} failed: {e.Message}", isAuthentication: false, e);
        }

        using (response)
        {
            var isHtml = response.Content.Headers.ContentType?.MediaType == "text/html";
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NonAuthoritativeInformation || isHtml)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new AgentPoolApiException($"{(int)response.StatusCode} {ServiceMessage(body) ?? "authentication required"}", isAuthentication: true);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return default;
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new AgentPoolApiException($"GET {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}: {ServiceMessage(body) ?? response.ReasonPhrase}", isAuthentication: false);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? ServiceMessage(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, AzureDevOpsJsonContext.Default.AzureDevOpsError)?.Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
