using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    public void WorkerHostsGetTheSameDefaults()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<IHttpClientFactory>());
    }

    private static bool ExportOneSpan(string? endpoint)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
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

        public string Url => _app.Urls.First();

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new FakeCollector(app);
            app.Run(context =>
            {
                collector.Paths.Add(context.Request.Path);
                return Task.CompletedTask;
            });
            await app.StartAsync();
            return collector;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
