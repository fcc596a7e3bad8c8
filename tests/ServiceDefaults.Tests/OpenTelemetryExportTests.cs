using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AspireAgents.ServiceDefaults.Tests;

public sealed class OpenTelemetryExportTests
{
    private static readonly ActivitySource Source = new(ServiceDefaultsExtensions.TelemetryPrefix + "Tests");

    [Fact]
    public async Task SpansOfAspireAgentsSourcesAreExportedOverOtlpWhenAnEndpointIsSet()
    {
        await using var collector = await FakeCollector.StartAsync();

        var exported = ExportOneSpan(collector.Url);

        Assert.True(exported);
        Assert.Contains("/v1/traces", collector.Paths);
    }

    [Fact]
    public async Task SpansAreExportedToApplicationInsightsWhenAConnectionStringIsSet()
    {
        await using var ingestion = await FakeCollector.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The form Application Insights gives its connection string in, with ingestion (and live metrics) here.
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={ingestion.Url}/;LiveEndpoint={ingestion.Url}/",
        });
        builder.AddServiceDefaults();

        // The Azure Monitor exporter joins the providers when the host starts, as every AspireAgents process does.
        using (var host = builder.Build())
        {
            await host.StartAsync();
            using (Source.StartActivity("scaling-decision"))
            {
            }

            Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(timeoutMilliseconds: 10_000));

            // The exporter's transmission may still be on its way when the flush returns: give it the flush's time.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!ingestion.Bodies.Any(IsTheSpan) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await host.StopAsync();
        }

        Assert.Contains(ingestion.Bodies, IsTheSpan);

        static bool IsTheSpan(string body) => body.Contains("\"name\":\"scaling-decision\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingGoesToApplicationInsightsWithoutAConnectionString()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();

        // The exporter would fail the start without a connection string; without the variable it is not there at all.
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void AContainerAppsReplicaIsTheInstanceAndItsJobExecutionIsNamed()
    {
        var resource = Resource(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "agents",
            ["CONTAINER_APP_REPLICA_NAME"] = "agents-x7k2p9q-4m8zt",
            ["CONTAINER_APP_JOB_EXECUTION_NAME"] = "agents-x7k2p9q",
        });

        Assert.Equal("agents", resource["service.name"]);
        Assert.Equal("agents-x7k2p9q-4m8zt", resource["service.instance.id"]);
        Assert.Equal("agents-x7k2p9q", resource[ServiceDefaultsExtensions.JobExecutionNameAttribute]);
    }

    [Fact]
    public void AnInstanceNamedByOtelResourceAttributesIsKept()
    {
        // As the AppHost's job emulation names it: the replica's suffix, so that the dashboard shows the replica's name.
        var resource = Resource(new Dictionary<string, string?>
        {
            ["OTEL_RESOURCE_ATTRIBUTES"] = "cloud.provider=azure, service.instance.id=x7k2p9q",
            ["CONTAINER_APP_REPLICA_NAME"] = "agents-x7k2p9q",
        });

        Assert.Equal("x7k2p9q", resource["service.instance.id"]);
        Assert.Equal("azure", resource["cloud.provider"]);
    }

    [Fact]
    public void OutsideContainerAppsNoContainerAppsAttributeIsAdded()
    {
        var resource = Resource(new Dictionary<string, string?>());

        Assert.False(resource.ContainsKey(ServiceDefaultsExtensions.JobExecutionNameAttribute));
        Assert.False(resource.ContainsKey("service.instance.id"));
    }

    [Fact]
    public void WorkerHostsGetTheSameDefaults()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<IHttpClientFactory>());
    }

    private static Dictionary<string, object> Resource(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        return host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
    }

    private static bool ExportOneSpan(string? endpoint) => ExportOneSpan(new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    });

    private static bool ExportOneSpan(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var tracer = host.Services.GetRequiredService<TracerProvider>();

        using (Source.StartActivity("scaling-decision"))
        {
        }

        return tracer.ForceFlush(timeoutMilliseconds: 10_000);
    }

    private sealed class FakeCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeCollector(WebApplication app) => _app = app;

        public ConcurrentBag<string> Paths { get; } = [];

        public ConcurrentBag<string> Bodies { get; } = [];

        public string Url => _app.Urls.First();

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new FakeCollector(app);
            app.Run(async context =>
            {
                collector.Paths.Add(context.Request.Path);
                Stream body = context.Request.Body;
                if (context.Request.Headers.ContentEncoding == "gzip")
                {
                    body = new GZipStream(body, CompressionMode.Decompress);
                }

                using var reader = new StreamReader(body);
                collector.Bodies.Add(await reader.ReadToEndAsync());
            });
            await app.StartAsync();
            return collector;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
