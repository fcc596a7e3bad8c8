using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AppHostHarness;

/// <summary>
/// The emulator as a user with curl sees it: its organisation's REST API, signed in with the well-known development
/// PAT, and its <c>/_emulator</c> controls (stats, faults).
/// </summary>
public sealed class EmulatorClient : IDisposable
{
    /// <summary>The pool the agent job serves (<c>aca-agents</c>).</summary>
    public const int PoolId = 10;

    /// <summary>The placeholder agent's name, as the placeholder job registers it.</summary>
    public const string PlaceholderAgent = "placeholder";

    private readonly HttpClient _controls;
    private readonly HttpClient _devops;

    public EmulatorClient(int port)
    {
        _controls = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        _devops = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/local/") };
        _devops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":local-dev-pat")));
    }

    /// <summary>The controls' client, for the timeline's stats.</summary>
    public HttpClient Controls => _controls;

    /// <summary>Queues a run of <paramref name="pipeline"/> whose step lasts <paramref name="durationSeconds"/>.</summary>
    public async Task QueueRunAsync(int pipeline, int durationSeconds, CancellationToken cancellationToken)
    {
        using var response = await _devops.PostAsJsonAsync(
            $"demo/_apis/pipelines/{pipeline}/runs?api-version=7.1",
            new RunPipelineParameters(new Dictionary<string, string> { ["durationSeconds"] = durationSeconds.ToString(CultureInfo.InvariantCulture) }),
            AzureDevOpsJsonContext.Default.RunPipelineParameters,
            cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The pool's job requests, unfinished first; the emulator, as the service, lists at most 200.</summary>
    public async Task<IReadOnlyList<TaskAgentJobRequest>> JobRequestsAsync(CancellationToken cancellationToken) =>
        (await _devops.GetFromJsonAsync($"_apis/distributedtask/pools/{PoolId}/jobrequests?$top=200",
            AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest, cancellationToken).ConfigureAwait(false))?.Value ?? [];

    /// <summary>The pool's agents, online and offline, each with the job it runs.</summary>
    public async Task<IReadOnlyList<TaskAgent>> AgentsAsync(CancellationToken cancellationToken) =>
        (await _devops.GetFromJsonAsync($"_apis/distributedtask/pools/{PoolId}/agents?includeAssignedRequest=true",
            AzureDevOpsJsonContext.Default.ListResponseTaskAgent, cancellationToken).ConfigureAwait(false))?.Value ?? [];

    /// <summary><c>GET /_emulator/stats</c>: requests by route, agents, jobs by state.</summary>
    public async Task<EmulatorCounts> StatsAsync(CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await _controls.GetStringAsync("_emulator/stats", cancellationToken).ConfigureAwait(false));
        var root = document.RootElement;
        var jobs = root.GetProperty("jobs");
        var agents = root.GetProperty("agents");
        return new EmulatorCounts(
            jobs.GetProperty("queued").GetInt32(),
            jobs.GetProperty("running").GetInt32(),
            jobs.GetProperty("succeeded").GetInt32(),
            jobs.GetProperty("failed").GetInt32(),
            jobs.GetProperty("canceled").GetInt32(),
            jobs.GetProperty("abandoned").GetInt32(),
            agents.GetProperty("online").GetInt32(),
            agents.GetProperty("onlineMax").GetInt32(),
            root.GetProperty("requestsByRoute").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
    }

    /// <summary><c>POST /_emulator/faults</c>: the next matching requests fail or wait, until <see cref="ClearFaultsAsync"/>.</summary>
    public async Task AddFaultAsync(object fault, CancellationToken cancellationToken)
    {
        using var response = await _controls.PostAsJsonAsync("_emulator/faults", fault, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>DELETE /_emulator/faults</c>.</summary>
    public async Task ClearFaultsAsync(CancellationToken cancellationToken)
    {
        using var response = await _controls.DeleteAsync("_emulator/faults", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _controls.Dispose();
        _devops.Dispose();
    }
}

/// <summary>What <c>/_emulator/stats</c> counts.</summary>
public sealed record EmulatorCounts(
    int Queued, int Running, int Succeeded, int Failed, int Canceled, int Abandoned, int AgentsOnline, int AgentsOnlineMax,
    IReadOnlyDictionary<string, long> RequestsByRoute)
{
    public int Finished => Succeeded + Failed + Canceled + Abandoned;
}
