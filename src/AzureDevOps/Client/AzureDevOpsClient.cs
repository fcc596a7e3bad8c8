using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Telemetry;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.AzureDevOps.Wire.Reading;

namespace AspireAgents.AzureDevOps.Client;

/// <summary>
/// The typed Azure DevOps client over an <see cref="HttpClient"/>. Give it a client built by
/// <c>AddAzureDevOpsClient</c> (or <see cref="Create"/>) so that authentication, rate limits, retries and
/// telemetry apply; every answer is checked before it is parsed, and a 203 or HTML answer is reported as an
/// <see cref="AzureDevOpsAuthenticationException"/>, never read as data.
/// </summary>
public sealed class AzureDevOpsClient : IAzureDevOpsClient
{
    private const string PoolsRoute = "_apis/distributedtask/pools";
    private const string JobRequestsRoute = "_apis/distributedtask/pools/{poolId}/jobrequests";
    private const string AgentsRoute = "_apis/distributedtask/pools/{poolId}/agents";
    private const string AgentRoute = "_apis/distributedtask/pools/{poolId}/agents/{agentId}";
    private const string PackagesRoute = "_apis/distributedtask/packages/agent";
    private const int MaxErrorBodyChars = 2048;
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static AzureDevOpsJsonContext Json => AzureDevOpsJsonContext.Default;

    private readonly HttpClient _httpClient;
    private readonly string _organization;
    private readonly AzureDevOpsAuthentication? _authentication;

    /// <summary>Creates a client for the organisation at <paramref name="httpClient"/>'s <see cref="HttpClient.BaseAddress"/>.</summary>
    /// <param name="httpClient">A client whose base address is the organisation URL.</param>
    /// <exception cref="ArgumentException">The client has no base address.</exception>
    public AzureDevOpsClient(HttpClient httpClient)
        : this(httpClient, httpClient?.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress: the organisation URL.", nameof(httpClient)))
    {
    }

    /// <summary>Creates a client for one organisation.</summary>
    /// <param name="httpClient">The client to send with (base address ignored).</param>
    /// <param name="organizationUrl">The organisation URL, e.g. <c>https://dev.azure.com/contoso</c>.</param>
    /// <param name="authentication">Authentication for this client's requests, overriding the pipeline's default; none uses the default.</param>
    public AzureDevOpsClient(HttpClient httpClient, Uri organizationUrl, AzureDevOpsAuthentication? authentication = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(organizationUrl);
        if (!organizationUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The organisation URL '{organizationUrl}' must be absolute.", nameof(organizationUrl));
        }

        _httpClient = httpClient;
        _organization = organizationUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        OrganizationUrl = new Uri(_organization);
        _authentication = authentication;
    }

    /// <inheritdoc />
    public Uri OrganizationUrl { get; }

    /// <summary>
    /// Creates a client with the full handler pipeline (retries and rate limits, authentication, telemetry) and no
    /// dependency injection; for tools and tests.
    /// </summary>
    /// <param name="organizationUrl">The organisation URL.</param>
    /// <param name="authentication">How to authenticate.</param>
    /// <param name="options">Retry and timeout settings; defaults when omitted.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="innerHandler">The transport; a new <see cref="SocketsHttpHandler"/> when omitted.</param>
    /// <returns>A client that owns its <see cref="HttpClient"/>.</returns>
    public static AzureDevOpsClient Create(
        Uri organizationUrl,
        AzureDevOpsAuthentication authentication,
        AzureDevOpsHttpOptions? options = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null)
    {
        var handler = AzureDevOpsHttpPipeline.CreateHandler(authentication, options, new RateLimitGate(timeProvider), timeProvider, innerHandler);
        return new AzureDevOpsClient(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, organizationUrl);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskAgentPool>> GetPoolsAsync(string? poolName = null, CancellationToken cancellationToken = default)
    {
        var query = poolName is null ? string.Empty : "?poolName=" + Uri.EscapeDataString(poolName);
        var list = await GetAsync("GetPools", PoolsRoute, PoolsRoute + query, Json.ListResponseTaskAgentPool, cancellationToken).ConfigureAwait(false);
        return list.Value;
    }

    /// <inheritdoc />
    public async Task<TaskAgentPool?> GetPoolAsync(int poolId, CancellationToken cancellationToken = default)
    {
        var list = await GetAsync("GetPool", PoolsRoute, PoolsRoute + "?poolID=" + Format(poolId), Json.ListResponseTaskAgentPool, cancellationToken).ConfigureAwait(false);
        return list.Value.FirstOrDefault(pool => pool.Id == poolId);
    }

    /// <inheritdoc />
    public Task<ListResponse<TaskAgentJobRequest>> GetJobRequestsAsync(int poolId, JobRequestQuery query = default, CancellationToken cancellationToken = default) =>
        GetAsync("GetJobRequests", JobRequestsRoute, $"_apis/distributedtask/pools/{Format(poolId)}/jobrequests{query.ToQueryString()}", Json.ListResponseTaskAgentJobRequest, cancellationToken, poolId);

    /// <inheritdoc />
    public Task<ListResponse<TaskAgentJobRequest>> GetAgentJobRequestsAsync(int poolId, int agentId, CancellationToken cancellationToken = default) =>
        GetAsync("GetJobRequests", JobRequestsRoute, $"_apis/distributedtask/pools/{Format(poolId)}/jobrequests?agentId={Format(agentId)}&completedRequestCount=1", Json.ListResponseTaskAgentJobRequest, cancellationToken, poolId);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskAgent>> GetAgentsAsync(int poolId, string? agentName = null, bool includeAssignedRequest = false, CancellationToken cancellationToken = default) =>
        ListAgentsAsync(poolId, agentName, includeAssignedRequest, includeCapabilities: false, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskAgent>> GetAgentsWithCapabilitiesAsync(int poolId, CancellationToken cancellationToken = default) =>
        ListAgentsAsync(poolId, agentName: null, includeAssignedRequest: true, includeCapabilities: true, cancellationToken);

    private async Task<IReadOnlyList<TaskAgent>> ListAgentsAsync(int poolId, string? agentName, bool includeAssignedRequest, bool includeCapabilities, CancellationToken cancellationToken)
    {
        var parameters = new List<string>(3);
        if (agentName is not null)
        {
            parameters.Add("agentName=" + Uri.EscapeDataString(agentName));
        }

        if (includeCapabilities)
        {
            parameters.Add("includeCapabilities=true");
        }

        if (includeAssignedRequest)
        {
            parameters.Add("includeAssignedRequest=true");
        }

        var query = parameters.Count == 0 ? string.Empty : "?" + string.Join('&', parameters);
        var list = await GetAsync("GetAgents", AgentsRoute, $"_apis/distributedtask/pools/{Format(poolId)}/agents{query}", Json.ListResponseTaskAgent, cancellationToken, poolId).ConfigureAwait(false);
        return list.Value;
    }

    /// <inheritdoc />
    public Task DeleteAgentAsync(int poolId, int agentId, CancellationToken cancellationToken = default) =>
        SendNoContentAsync("DeleteAgent", HttpMethod.Delete, AgentRoute, $"_apis/distributedtask/pools/{Format(poolId)}/agents/{Format(agentId)}", cancellationToken, poolId);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PackageMetadata>> GetAgentPackagesAsync(string platform, int top = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        var list = await GetAsync("GetAgentPackages", PackagesRoute, $"{PackagesRoute}?platform={Uri.EscapeDataString(platform)}&top={Format(top)}", Json.ListResponsePackageMetadata, cancellationToken).ConfigureAwait(false);
        return list.Value;
    }

    private Task<T> GetAsync<T>(string operation, string route, string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, int? poolId = null) =>
        SendJsonAsync(operation, HttpMethod.Get, route, path, content: null, typeInfo, cancellationToken, poolId);

    /// <summary>
    /// Sends one call through the client's pipeline, checks the answer and reads its JSON: the core the typed calls
    /// share, open to the test project's calls for what production code does not send (sessions, messages, runs).
    /// </summary>
    /// <returns>The answer; <see langword="default"/> when <paramref name="noContentIsNone"/> and it was 204.</returns>
    internal async Task<T> SendJsonAsync<T>(
        string operation,
        HttpMethod method,
        string route,
        string path,
        HttpContent? content,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken,
        int? poolId = null,
        TimeSpan? attemptTimeout = null,
        bool noContentIsNone = false)
    {
        using var activity = StartActivity(operation, route, poolId);
        try
        {
            using var response = await SendAsync(method, route, path, content, attemptTimeout, cancellationToken).ConfigureAwait(false);
            if (noContentIsNone && response.StatusCode == HttpStatusCode.NoContent)
            {
                return default!;
            }

            return await ReadAsync(response, route, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>Sends one call whose answer has no body to read; see <see cref="SendJsonAsync"/>.</summary>
    internal async Task SendNoContentAsync(string operation, HttpMethod method, string route, string path, CancellationToken cancellationToken, int? poolId = null)
    {
        using var activity = StartActivity(operation, route, poolId);
        try
        {
            using var response = await SendAsync(method, route, path, content: null, attemptTimeout: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>Sends a request and returns the answer only when it is a success that is not a disguised sign-in page.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, string path, HttpContent? content, TimeSpan? attemptTimeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_organization + "/" + path)) { Content = content };
        request.Options.Set(AzureDevOpsRequestOptions.Route, route);
        if (_authentication is not null)
        {
            request.Options.Set(AzureDevOpsRequestOptions.Authentication, _authentication);
        }

        if (attemptTimeout is { } timeout)
        {
            request.Options.Set(AzureDevOpsRequestOptions.AttemptTimeout, timeout);
        }

        var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await ThrowIfFailedAsync(response, method, route, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string route, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync(TolerantReader.For(typeInfo), cancellationToken).ConfigureAwait(false)
                ?? throw new AzureDevOpsException(AzureDevOpsFailure.InvalidResponse, $"Azure DevOps answered {route} with an empty body where JSON was expected.", response.StatusCode);
            return value is IListResponse { HasValue: false }
                ? throw new AzureDevOpsException(AzureDevOpsFailure.InvalidResponse, $"Azure DevOps answered {route} with a list without a \"value\" array.", response.StatusCode)
                : value;
        }
        catch (JsonException ex)
        {
            throw new AzureDevOpsException(AzureDevOpsFailure.InvalidResponse, $"Azure DevOps answered {route} with JSON of an unexpected shape: {ex.Message}", response.StatusCode, ex);
        }
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, HttpMethod method, string route, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var credentials = _authentication?.Description ?? "the configured credentials";
        if (status == HttpStatusCode.NonAuthoritativeInformation)
        {
            throw new AzureDevOpsAuthenticationException(
                $"Azure DevOps answered {method} {route} with 203 Non-Authoritative Information and an HTML sign-in page instead of JSON: " +
                $"it did not accept {credentials}. Check that the token is valid, not expired, and issued for Azure DevOps " +
                $"({TokenCredentialAuthentication.AzureDevOpsScope}); a malformed Basic header also causes this.",
                status);
        }

        if (AzureDevOpsAuthenticationHandler.IsHtml(response))
        {
            throw new AzureDevOpsAuthenticationException(
                $"Azure DevOps answered {method} {route} with an HTML page ({(int)status}) instead of JSON: a sign-in page, so it did not accept {credentials}. " +
                "Check the token and that the organisation URL is right.",
                status);
        }

        if ((int)status is >= 200 and < 300)
        {
            return;
        }

        var serviceMessage = await ReadServiceMessageAsync(response, cancellationToken).ConfigureAwait(false);
        var detail = serviceMessage is null ? string.Empty : ": " + serviceMessage;
        var retryAfter = RateLimitGate.RequestedDelay(response, DateTimeOffset.UtcNow);
        if (status == HttpStatusCode.Unauthorized)
        {
            var challenge = response.Headers.WwwAuthenticate.Count > 0 ? $" (WWW-Authenticate: {response.Headers.WwwAuthenticate})" : string.Empty;
            throw new AzureDevOpsAuthenticationException(
                $"Azure DevOps refused {credentials} for {method} {route} with 401 Unauthorized{detail}{challenge}. " +
                "Check that the identity is a member of the organisation and the token is for Azure DevOps.",
                status)
            {
                ServiceMessage = serviceMessage,
            };
        }

        var (failure, explanation) = status switch
        {
            HttpStatusCode.Forbidden => (AzureDevOpsFailure.AccessDenied, "the identity lacks permission (reading queues needs Agent Pools read, registering agents read & manage)"),
            HttpStatusCode.NotFound => (AzureDevOpsFailure.NotFound, "not found"),
            HttpStatusCode.BadRequest => (AzureDevOpsFailure.BadRequest, "the request was refused as invalid"),
            HttpStatusCode.Conflict => (AzureDevOpsFailure.Conflict, "it conflicts with the resource's current state"),
            HttpStatusCode.TooManyRequests => (AzureDevOpsFailure.RateLimited, "the identity is rate limited" + (retryAfter is { } r ? $" (Retry-After {r.TotalSeconds:0.###} s, beyond the retry budget)" : string.Empty)),
            _ when (int)status >= 500 => (AzureDevOpsFailure.Unavailable, "the service failed and kept failing within the retry budget"),
            _ => (AzureDevOpsFailure.Unexpected, "an unexpected answer"),
        };
        throw new AzureDevOpsException(failure, $"Azure DevOps answered {method} {route} with {(int)status} {response.ReasonPhrase}: {explanation}{detail}", status)
        {
            ServiceMessage = serviceMessage,
            RetryAfter = retryAfter,
        };
    }

    private static async Task<string?> ReadServiceMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await ReadStartAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or AzureDevOpsException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            if (JsonSerializer.Deserialize(body, Json.AzureDevOpsError) is { Message: { Length: > 0 } message })
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not the service's error shape: report the text itself, shortened.
        }

        return body.Length <= MaxErrorBodyChars ? body : body[..MaxErrorBodyChars] + "…";
    }

    // An error body is read for its message only: its first bytes are enough, whatever its length.
    private static async Task<string> ReadStartAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[maxBytes];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, filled);
        }
    }

    private Activity? StartActivity(string operation, string route, int? poolId)
    {
        var activity = AzureDevOpsTelemetry.ActivitySource.StartActivity("azp " + operation, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(AzureDevOpsTelemetry.OrganizationUrlAttribute, _organization);
            activity.SetTag(AzureDevOpsTelemetry.RouteAttribute, route);
            if (poolId is { } id)
            {
                activity.SetTag(AzureDevOpsTelemetry.PoolIdAttribute, id);
            }
        }

        return activity;
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
