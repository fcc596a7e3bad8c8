using AspireAgents.Scaler.Protocol;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspireAgents.Scaler.Tests.Fakes;

/// <summary>The scaler as <c>Program</c> composes it, on a real Kestrel port, with Azure DevOps replaced by <see cref="FakeAzureDevOps"/>.</summary>
internal sealed class ScalerHost : IAsyncDisposable
{
    private ScalerHost(WebApplication app, GrpcChannel channel, CapturingLoggerProvider logs)
    {
        App = app;
        Channel = channel;
        Client = new ExternalScaler.ExternalScalerClient(channel);
        Logs = logs;
    }

    public WebApplication App { get; }

    public GrpcChannel Channel { get; }

    public ExternalScaler.ExternalScalerClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public Uri Address => new(App.Urls.First());

    public static async Task<ScalerHost> StartAsync(HttpMessageHandler azureDevOps, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = "AspireAgents.Scaler" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureDevOps:Authentication"] = "PersonalAccessToken",
            ["AzureDevOps:PersonalAccessToken"] = "scaler-pat",
            ["AzureDevOps:Http:MaxAttempts"] = "1",
            ["Logging:LogLevel:Default"] = "Debug",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseUrls(url);
        builder.AddScaler();
        builder.Services.AddHttpClient(AzureDevOpsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => azureDevOps);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapScaler();
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress(app.Urls.First(), new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        return new ScalerHost(app, channel, logs);
    }

    public static ScaledObjectRef ScaledJob(string name, params (string Key, string Value)[] metadata)
    {
        var reference = new ScaledObjectRef { Name = name, Namespace = "agents" };
        reference.ScalerMetadata.Add("scalerAddress", "127.0.0.1:5190");
        reference.ScalerMetadata.Add("organizationURL", FakeAzureDevOps.OrganizationUrl);
        foreach (var (key, value) in metadata)
        {
            reference.ScalerMetadata[key] = value;
        }

        if (!reference.ScalerMetadata.ContainsKey("poolName") && !reference.ScalerMetadata.ContainsKey("poolID"))
        {
            reference.ScalerMetadata["poolID"] = "1";
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
