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

// ActivitySource sampling is process-wide: another test's tracer provider that samples a span makes every provider
// export it, so what these tests count is only theirs when nothing else runs beside them.
[CollectionDefinition(nameof(OpenTelemetryExportTests), DisableParallelization = true)]
[Collection(nameof(OpenTelemetryExportTests))]
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
        var bodies = await ExportToApplicationInsights(spans: 1);

        Assert.Contains(bodies, body => body.Contains("\"name\":\"scaling-decision-0\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryTraceOfABurstReachesApplicationInsights()
    {
        // The exporter's default sampler keeps about five traces a second; a burst of decisions must not lose any.
        const int Burst = 40;

        var bodies = await ExportToApplicationInsights(spans: Burst);

        var missing = Enumerable.Range(0, Burst)
            .Where(i => !bodies.Any(body => body.Contains($"\"name\":\"scaling-decision-{i}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task AnOperatorsSamplerChoiceIsKept()
    {
        var bodies = await ExportToApplicationInsights(spans: 5, new()
        {
            ["OTEL_TRACES_SAMPLER"] = "microsoft.fixed_percentage",
            ["OTEL_TRACES_SAMPLER_ARG"] = "0",
        });

        Assert.DoesNotContain(bodies, body => body.Contains("\"name\":\"scaling-decision-", StringComparison.Ordinal));
    }

    /// <summary>Starts a host with Application Insights' connection string, makes <paramref name="spans"/> root spans
    /// and returns what reached the fake ingestion endpoint once the host stopped (which flushes every signal).</summary>
    private static async Task<List<string>> ExportToApplicationInsights(int spans, Dictionary<string, string?>? settings = null)
    {
        await using var ingestion = await FakeCollector.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? [])
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
            for (var i = 0; i < spans; i++)
            {
                using (Source.StartActivity($"scaling-decision-{i}"))
                {
                }
            }

            Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(timeoutMilliseconds: 10_000));
            await host.StopAsync();
        }

        return [.. ingestion.Bodies];
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
