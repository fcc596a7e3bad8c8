using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The Aspire service defaults every AspireAgents process uses: OpenTelemetry, health checks,
/// service discovery and HTTP resilience. Works for web apps and for worker/console hosts alike.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Name prefix shared by every component's <see cref="System.Diagnostics.ActivitySource"/> and meter.</summary>
    public const string TelemetryPrefix = "AspireAgents.";

    /// <summary>
    /// The resource attribute that names the Container Apps job execution a process runs in (the job emulation names
    /// its <c>job execution</c> span's attribute the same): every execution of a job shares the job's service name.
    /// </summary>
    public const string JobExecutionNameAttribute = "containerapp.job.execution.name";

    /// <summary>Where the Azure Monitor exporter finds Application Insights (and the switch that turns it on).</summary>
    public const string ApplicationInsightsConnectionStringName = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    // What Container Apps sets in every replica of an app or job, and in each job execution's replicas (and what the
    // job emulation sets under `dotnet run`, src/Hosting/JobEmulation/ExecutionEnvironment.cs).
    private const string ReplicaNameVariable = "CONTAINER_APP_REPLICA_NAME";
    private const string JobExecutionNameVariable = "CONTAINER_APP_JOB_EXECUTION_NAME";

    // The Azure Monitor exporter's own sampler choice; OpenTelemetry's name for it.
    private const string TracesSamplerVariable = "OTEL_TRACES_SAMPLER";
    private const string ServiceInstanceIdAttribute = "service.instance.id";

    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>Adds OpenTelemetry, default health checks, service discovery and standard HttpClient resilience.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Logs, metrics and traces; exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost sets it
    /// for every resource it starts; in Azure, Container Apps' OpenTelemetry agent sets it when the environment has the
    /// Aspire dashboard), and to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => AddContainerAppsAttributes(resource, builder.Configuration))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Probes every few seconds would bury the traces people come to read.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration[ApplicationInsightsConnectionStringName]))
        {
            // All three signals; the exporter reads the connection string from the same variable. Its default sampler
            // keeps about five traces a second and drops the rest: a burst of scaling decisions and job spans would
            // lose exactly the traces people open Application Insights for. Everything is kept unless the process is
            // told otherwise with the exporter's own OTEL_TRACES_SAMPLER (microsoft.rate_limited, microsoft.fixed_percentage).
            var samplerChosen = !string.IsNullOrWhiteSpace(builder.Configuration[TracesSamplerVariable]);
            builder.Services.AddOpenTelemetry().UseAzureMonitorExporter(options =>
            {
                if (!samplerChosen)
                {
                    options.TracesPerSecond = null;
                    options.SamplingRatio = 1.0F;
                }
            });
        }

        return builder;
    }

    /// <summary>
    /// In Container Apps every replica of a service exports under the one service name the deployment gives it
    /// (<c>OTEL_SERVICE_NAME</c>): the replica's name tells the processes apart (<c>service.instance.id</c>, unless
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c> already names the instance, as the AppHost does), and a job execution's name is
    /// on everything its processes export, so that an execution's spans, logs and metrics are found by its name.
    /// </summary>
    private static void AddContainerAppsAttributes(ResourceBuilder resource, IConfiguration configuration)
    {
        var attributes = new List<KeyValuePair<string, object>>();
        if (configuration[ReplicaNameVariable] is { Length: > 0 } replica && !NamesAttribute(configuration["OTEL_RESOURCE_ATTRIBUTES"], ServiceInstanceIdAttribute))
        {
            attributes.Add(new(ServiceInstanceIdAttribute, replica));
        }

        if (configuration[JobExecutionNameVariable] is { Length: > 0 } execution)
        {
            attributes.Add(new(JobExecutionNameAttribute, execution));
        }

        resource.AddAttributes(attributes);
    }

    // OTEL_RESOURCE_ATTRIBUTES is a comma-separated list of key=value pairs (OpenTelemetry SDK environment variables).
    private static bool NamesAttribute(string? resourceAttributes, string key) =>
        resourceAttributes?.Split(',').Any(pair => pair.Split('=', 2)[0].Trim() == key) == true;

    /// <summary>Adds the <c>self</c> liveness check that <c>/alive</c> reports.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check must pass: ready for traffic) and <c>/alive</c> (only the
    /// <c>live</c> checks: the process is responsive).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        });
        return app;
    }
}
