using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AspireAgents.DevOpsEmulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AspireAgents.DevOpsEmulator.Tests;

/// <summary>
/// The emulator on a real Kestrel port (<c>http://127.0.0.1:0</c>), configured from its appsettings plus
/// overrides, with clients that speak to it over HTTP.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    public const string Pat = "local-dev-pat";
    public const string IdentityHeader = "local-identity-header";
    public const string AzureDevOps = "499b84ac-1321-427f-aa17-267ca6975798";
    public const int AcaPool = 10;
    public const int DefaultPool = 1;
    public const int Hello = 1;
    public const int HelloLinux = 2;
    public const int NeedsGpu = 4;

    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = NewClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"any-user:{Pat}")));
        Anonymous = NewClient();
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client that authenticates with the well-known PAT.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous { get; }

    public IServiceProvider Services => _app.Services;

    public string Pools => "local/_apis/distributedtask/pools";

    public string Pool(int poolId = AcaPool) => $"{Pools}/{poolId}";

    public static async Task<EmulatorServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning" };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var app = EmulatorApplication.Create([.. args], collection =>
        {
            if (time is not null)
            {
                collection.AddSingleton(time);
            }

            services?.Invoke(collection);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient NewClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };

    public HttpClient BearerClient(string token)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>GETs JSON with the PAT and asserts 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return await Json.ReadAsync(response, 200);
    }

    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, object body, int expectedStatus = 200)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Json.Content(body) };
        using var response = await Client.SendAsync(request);
        return await Json.ReadAsync(response, expectedStatus);
    }

    /// <summary>Registers an agent as <c>config.sh</c> does; returns its id.</summary>
    public async Task<int> RegisterAgentAsync(string name, IReadOnlyDictionary<string, string>? capabilities = null, int poolId = AcaPool, string version = "4.260.0")
    {
        var body = new
        {
            name,
            version,
            osDescription = "Linux 6.1",
            provisioningState = "Provisioned",
            systemCapabilities = capabilities ?? new Dictionary<string, string> { ["Agent.OS"] = "Linux", ["Agent.Version"] = version },
            authorization = new { publicKey = new { exponent = "AQAB", modulus = "c2VjcmV0LW1vZHVsdXM=" } },
        };
        var agent = await SendJsonAsync(HttpMethod.Post, $"{Pool(poolId)}/agents", body);
        return agent.GetProperty("id").GetInt32();
    }

    /// <summary>Opens a listener session for the agent; returns the session id.</summary>
    public async Task<string> CreateSessionAsync(int agentId, string name, int poolId = AcaPool)
    {
        var session = await SendJsonAsync(HttpMethod.Post, $"{Pool(poolId)}/sessions", new { ownerName = "test-host", agent = new { id = agentId, name, version = "4.260.0" } });
        return session.GetProperty("sessionId").GetString()!;
    }

    /// <summary>Registers an agent and brings it online; returns its id and session id.</summary>
    public async Task<(int AgentId, string SessionId)> StartAgentAsync(string name, IReadOnlyDictionary<string, string>? capabilities = null, int poolId = AcaPool)
    {
        var id = await RegisterAgentAsync(name, capabilities, poolId);
        return (id, await CreateSessionAsync(id, name, poolId));
    }

    /// <summary>Queues a run of a pipeline; returns the run.</summary>
    public Task<JsonElement> QueueRunAsync(int pipelineId, IReadOnlyDictionary<string, string>? templateParameters = null) =>
        SendJsonAsync(HttpMethod.Post, $"local/demo/_apis/pipelines/{pipelineId}/runs?api-version=7.1", new { templateParameters = templateParameters ?? new Dictionary<string, string>() });

    /// <summary>Long-polls for the session's next message; returns null on 204.</summary>
    public async Task<JsonElement?> GetMessageAsync(string sessionId, long? lastMessageId = null, int poolId = AcaPool)
    {
        var query = lastMessageId is null ? "" : $"&lastMessageId={lastMessageId}";
        using var response = await Client.GetAsync($"{Pool(poolId)}/messages?sessionId={sessionId}{query}");
        if ((int)response.StatusCode == 204)
        {
            return null;
        }

        return await Json.ReadAsync(response, 200);
    }

    public async Task<JsonElement> JobRequestsAsync(string query = "", int poolId = AcaPool) =>
        (await GetJsonAsync($"{Pool(poolId)}/jobrequests{query}")).GetProperty("value");

    public async Task<JsonElement> JobRequestAsync(long requestId, int poolId = AcaPool) =>
        await GetJsonAsync($"{Pool(poolId)}/jobrequests/{requestId}");

    public Task<JsonElement> StatsAsync() => GetJsonAsync("_emulator/stats");

    /// <summary>Gets a token from the identity endpoint.</summary>
    public async Task<string> TokenAsync(string resource = AzureDevOps, string identityQuery = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"msi/token?resource={Uri.EscapeDataString(resource)}&api-version=2019-08-01{identityQuery}");
        request.Headers.Add("X-IDENTITY-HEADER", IdentityHeader);
        using var response = await Anonymous.SendAsync(request);
        return (await Json.ReadAsync(response, 200)).GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
