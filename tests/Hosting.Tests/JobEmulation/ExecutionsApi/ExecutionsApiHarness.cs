using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.JobEmulation;
using Aspire.Hosting.JobEmulation.ExecutionsApi;
using AspireAgents.Scaling.ContainerApps;

namespace AspireAgents.Hosting.Tests.JobEmulation.ExecutionsApi;

/// <summary>An execution whose state a test sets, as the executions API and the registry read it.</summary>
internal sealed class ScriptedExecution(string name, DateTimeOffset createdAt) : IListedExecution
{
    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset? EndedAt { get; set; }

    public bool IsPlaceholder { get; init; }

    public bool IsPending { get; set; } = true;

    public ExecutionOutcome Outcome { get; set; }

    public bool IsFinished => Outcome != ExecutionOutcome.None;

    public void Run() => IsPending = false;

    public void End(ExecutionOutcome outcome, DateTimeOffset at)
    {
        IsPending = false;
        Outcome = outcome;
        EndedAt = at;
    }
}

/// <summary>The job emulation's executions API on a real loopback port, fed by a registry, with introspection answered by a stub emulator.</summary>
internal sealed class ExecutionsApiHarness : IAsyncDisposable
{
    public const string JobName = "agents";
    public const string GoodToken = "good-token";
    public static readonly Guid Reader = new("6b1c2d3e-0000-4000-8000-000000000004");

    private readonly JobExecutionsApiServer _server;

    private ExecutionsApiHarness(JobExecutionsApiServer server, HttpClient introspectionClient, int historyLimit)
    {
        Registry = new(historyLimit);
        _server = server;
        IntrospectionClient = introspectionClient;
    }

    public ExecutionRegistry<ScriptedExecution> Registry { get; }

    public HttpClient Http { get; } = new();

    public HttpClient IntrospectionClient { get; }

    public Uri ExecutionsUrl => new(_server.Address, ContainerAppsApi.ExecutionsPath(LocalAzureScope.SubscriptionId, LocalAzureScope.ResourceGroup, JobName) + "?api-version=" + ContainerAppsApi.ApiVersion);

    /// <summary>Tokens the stub emulator knows: <see cref="GoodToken"/> for ARM of the reader; others as the test adds them.</summary>
    public Dictionary<string, string> Introspections { get; } = new()
    {
        [GoodToken] = $$"""{"active":true,"aud":"https://management.azure.com/","oid":"{{Reader}}","appid":"5a0b1c2d-0000-4000-8000-000000000004","exp":4102444800}""",
    };

    public static async Task<ExecutionsApiHarness> StartAsync(int pageSize = JobExecutionsApiServer.DefaultPageSize, int historyLimit = 50)
    {
        ExecutionsApiHarness? harness = null;
        var introspection = new HttpClient(new IntrospectionStub(() => harness!.Introspections));
        var source = new RegistrySource(() => harness!.Registry);
        var server = await JobExecutionsApiServer.StartAsync(source, new TokenIntrospector(introspection), () => new Uri("http://emulator.test"), pageSize, CancellationToken.None);
        harness = new ExecutionsApiHarness(server, introspection, historyLimit);
        return harness;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every execution the API lists, following nextLink as the observer's client does.</summary>
    public async Task<List<AspireAgents.Scaling.ContainerApps.JobExecution>> ListAllAsync()
    {
        var executions = new List<AspireAgents.Scaling.ContainerApps.JobExecution>();
        Uri? next = ExecutionsUrl;
        while (next is not null)
        {
            var (status, body) = await GetAsync(next, GoodToken);
            Assert.Equal(HttpStatusCode.OK, status);
            var page = JsonSerializer.Deserialize(body, ContainerAppsJsonContext.Default.JobExecutionList)!;
            executions.AddRange(page.Value!);
            next = page.NextLink is { } link ? new Uri(link) : null;
        }

        return executions;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Http.Dispose();
        IntrospectionClient.Dispose();
    }

    private sealed class RegistrySource(Func<ExecutionRegistry<ScriptedExecution>> registry) : IJobExecutionsSource
    {
        public JobExecutionsView? Find(string jobName) => jobName == JobName
            ? new JobExecutionsView(ExecutionListing.List(ContainerAppsApi.JobId(LocalAzureScope.SubscriptionId, LocalAzureScope.ResourceGroup, JobName), registry().Listed), [Reader])
            : null;
    }

    private sealed class IntrospectionStub(Func<Dictionary<string, string>> known) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/oauth2/introspect", request.RequestUri!.AbsolutePath);
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var token = Uri.UnescapeDataString(form["token=".Length..]);
            var body = known().TryGetValue(token, out var answer) ? answer : """{"active":false,"reason":"the token's signature is not valid"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
