using System.Net;
using AspireAgents.Observability.Tests.Otlp;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspireAgents.Observability.Tests.Infrastructure;

/// <summary>
/// A stand-in for the dashboard's OTLP/gRPC endpoint (h2c on loopback): it accepts traces, metrics and logs as
/// the processes' exporters send them and decodes them into a <see cref="TelemetryStore"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, TelemetryStore store, string endpoint)
    {
        _app = app;
        Store = store;
        Endpoint = endpoint;
    }

    /// <summary>What was received.</summary>
    public TelemetryStore Store { get; }

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234</c>, for <c>ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL</c>.</summary>
    public string Endpoint { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var store = new TelemetryStore();
        builder.Services.AddSingleton(store);
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 64 * 1024 * 1024);
        var app = builder.Build();
        app.MapGrpcService<Traces>();
        app.MapGrpcService<Metrics>();
        app.MapGrpcService<Logs>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OtlpReceiver(app, store, address.TrimEnd('/'));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class Traces(TelemetryStore store) : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            store.Add(request);
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }

    private sealed class Metrics(TelemetryStore store) : MetricsService.MetricsServiceBase
    {
        public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
        {
            store.Add(request);
            return Task.FromResult(new ExportMetricsServiceResponse());
        }
    }

    private sealed class Logs(TelemetryStore store) : LogsService.LogsServiceBase
    {
        public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
        {
            store.Add(request);
            return Task.FromResult(new ExportLogsServiceResponse());
        }
    }
}
