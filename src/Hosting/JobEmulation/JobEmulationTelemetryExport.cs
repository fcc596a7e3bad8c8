using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Sends the job emulation's own traces, metrics and logs (<see cref="JobEmulationTelemetryNames.Source"/>) to the
/// dashboard's OTLP endpoint as the service <c>apphost</c>, so that a decision's trace holds the AppHost's spans
/// beside the Scaler's, the emulator's and the executions'. Exports nothing when no endpoint is configured.
/// </summary>
internal sealed class JobEmulationTelemetryExport : IDisposable
{
    /// <summary>What the exporters wait at most before sending, as Aspire sets for its resources in development.</summary>
    private const int ExportDelayMilliseconds = 1000;

    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;
    private readonly ILoggerFactory? _logs;

    private JobEmulationTelemetryExport(DashboardTelemetryEndpoint? endpoint)
    {
        Endpoint = endpoint;
        if (endpoint is null)
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(JobEmulationTelemetryNames.ServiceName, autoGenerateServiceInstanceId: false, serviceInstanceId: JobEmulationTelemetryNames.ServiceName);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(JobEmulationTelemetryNames.Source)
            .AddOtlpExporter(otlp =>
            {
                Configure(otlp, endpoint, "v1/traces");
                otlp.BatchExportProcessorOptions.ScheduledDelayMilliseconds = ExportDelayMilliseconds;
            })
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(JobEmulationTelemetryNames.Source)
            .AddOtlpExporter((otlp, reader) =>
            {
                Configure(otlp, endpoint, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = ExportDelayMilliseconds;
            })
            .Build();
        _logs = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.SetResourceBuilder(resource);
            otel.IncludeFormattedMessage = true;
            otel.AddOtlpExporter((otlp, processor) =>
            {
                Configure(otlp, endpoint, "v1/logs");
                processor.BatchExportProcessorOptions.ScheduledDelayMilliseconds = ExportDelayMilliseconds;
            });
        }));
    }

    /// <summary>Where the telemetry goes, or <see langword="null"/> when nowhere.</summary>
    public DashboardTelemetryEndpoint? Endpoint { get; }

    /// <summary>Loggers whose records are exported with the trace and span ids of the current span.</summary>
    public ILoggerFactory Logs => _logs ?? NullLoggerFactory.Instance;

    /// <summary>Exports to the dashboard endpoint in <paramref name="configuration"/>, if there is one.</summary>
    public static JobEmulationTelemetryExport Create(IConfiguration configuration) => new(DashboardTelemetryEndpoint.From(configuration));

    /// <summary>Sends what is buffered, then stops exporting.</summary>
    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
        _logs?.Dispose();
    }

    private static void Configure(OtlpExporterOptions otlp, DashboardTelemetryEndpoint endpoint, string signalPath)
    {
        // Set in code, an OTLP/HTTP endpoint is the signal's own URL; OTLP/gRPC takes the base address.
        otlp.Protocol = endpoint.IsGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = endpoint.IsGrpc ? new Uri(endpoint.Url) : new Uri(new Uri(endpoint.Url.TrimEnd('/') + "/"), signalPath);
        if (endpoint.Headers is { } headers)
        {
            otlp.Headers = headers;
        }
    }
}
