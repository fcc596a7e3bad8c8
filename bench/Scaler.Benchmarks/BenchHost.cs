using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Protocol;
using Grpc.Net.Client;

namespace AspireAgents.Scaler.Benchmarks;

/// <summary>The scaler as <c>Program</c> composes it, on a real loopback port over h2c, with Azure DevOps replaced by a counting stand-in.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, FakeOrganization organization, GrpcChannel channel)
    {
        App = app;
        Organization = organization;
        Channel = channel;
        Client = new ExternalScaler.ExternalScalerClient(channel);
    }

    public WebApplication App { get; }

    public FakeOrganization Organization { get; }

    public GrpcChannel Channel { get; }

    public ExternalScaler.ExternalScalerClient Client { get; }

    public static async Task<BenchHost> StartAsync(IDictionary<string, string?> settings, TimeSpan adoLatency)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "AspireAgents.Scaler" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureDevOps:Authentication"] = "PersonalAccessToken",
            ["AzureDevOps:PersonalAccessToken"] = "bench",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddScaler();
        var organization = new FakeOrganization(adoLatency);
        builder.Services.AddHttpClient(AzureDevOpsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => organization);
        var app = builder.Build();
        app.MapScaler();
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress(app.Urls.First(), new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        return new BenchHost(app, organization, channel);
    }

    public static ScaledObjectRef ScaledJob(string name, string? demands = null)
    {
        var reference = new ScaledObjectRef { Name = name, Namespace = "agents" };
        reference.ScalerMetadata["scalerAddress"] = "scaler:5190";
        reference.ScalerMetadata["organizationURL"] = FakeOrganization.Url;
        reference.ScalerMetadata["poolName"] = "aca-agents";
        if (demands is not null)
        {
            reference.ScalerMetadata["demands"] = demands;
        }

        return reference;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Answers pools and jobrequests (200 jobs) after a fixed latency, counting every request.</summary>
internal sealed class FakeOrganization(TimeSpan latency) : HttpMessageHandler
{
    public const string Url = "https://dev.azure.com/contoso";

    private static readonly byte[] s_pools = JsonSerializer.SerializeToUtf8Bytes(
        ListResponse<TaskAgentPool>.Of([new TaskAgentPool { Id = 10, Name = "aca-agents" }]), AzureDevOpsJsonContext.Default.ListResponseTaskAgentPool);

    private static readonly byte[] s_jobs = Payloads.Json(200);

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        var body = request.RequestUri!.AbsolutePath.EndsWith("/jobrequests", StringComparison.Ordinal) ? s_jobs : s_pools;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
