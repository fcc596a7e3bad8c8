using AspireAgents.AzureDevOps.DependencyInjection;
using AspireAgents.Scaler.Configuration;
using AspireAgents.Scaler.Hosting;
using AspireAgents.Scaler.Interceptors;
using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Services;
using AspireAgents.Scaler.Standby;
using AspireAgents.Scaler.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Composes the scaler: <see cref="AddScaler"/> registers everything, <see cref="MapScaler"/> maps the endpoints.</summary>
public static class ScalerHostingExtensions
{
    /// <summary>
    /// Adds the service defaults, Kestrel settings (HTTP/2 with prior knowledge on plain endpoints; TLS and mTLS from
    /// <c>Scaler:Tls</c>), options (<c>Scaler</c>, <c>AzureDevOps</c>), the Azure DevOps client, the shared caches, and gRPC
    /// with the exception interceptor, health checks and, when <c>Scaler:EnableReflection</c> is true, reflection.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddScaler(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults();
        builder.WebHost.ConfigureKestrel((context, kestrel) => ConfigureKestrel(context.Configuration, kestrel));

        var services = builder.Services;
        services.AddOptions<ScalerOptions>().BindConfiguration(ScalerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScalerOptions>, ScalerOptionsValidator>();

        // A scaler answers KEDA within its polling interval: shorter budgets than the client's defaults, still configurable.
        services.AddOptions<AzureDevOpsClientOptions>()
            .Configure(client =>
            {
                client.Http.MaxRetryDuration = TimeSpan.FromSeconds(10);
                client.Http.AttemptTimeout = TimeSpan.FromSeconds(10);
            })
            .BindConfiguration(AzureDevOpsClientOptions.SectionName);
        services.AddAzureDevOpsClient();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TriggerMetadataCache>();
        services.AddSingleton<AzurePipelinesQueue>();
        services.AddSingleton<FinishedJobHistory>();
        services.AddSingleton<StandbyAgents>();

        // Off unless Observer:Enabled: the same host then also watches a job's scale rule (Observer/).
        services.AddScalingObserver(builder.Configuration);
        services.AddGrpc(grpc => grpc.Interceptors.Add<ExceptionInterceptor>());
        services.AddGrpcHealthChecks();
        if (ReflectionEnabled(builder.Configuration))
        {
            services.AddGrpcReflection();
        }

        return builder;
    }

    /// <summary>Maps <c>/health</c> and <c>/alive</c>, the external scaler, gRPC health and (when enabled) gRPC reflection.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapScaler(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDefaultEndpoints();
        app.MapGrpcService<ExternalScalerService>();
        app.MapGrpcHealthChecksService();
        if (ReflectionEnabled(app.Configuration))
        {
            app.MapGrpcReflectionService();
        }

        // The gauge is process-wide (static, like its Meter); its cap comes from this host's settings.
        ScalerTelemetry.MaxQueueLengthSeries = app.Services.GetRequiredService<IOptions<ScalerOptions>>().Value.Limits.MetricSeries;
        return app;
    }

    // Off unless asked for: reflection tells anyone who can connect every service and message the server has.
    private static bool ReflectionEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool>($"{ScalerOptions.SectionName}:{nameof(ScalerOptions.EnableReflection)}");

    private static void ConfigureKestrel(IConfiguration configuration, KestrelServerOptions kestrel)
    {
        var tls = configuration.GetSection($"{ScalerOptions.SectionName}:Tls").Get<ScalerTlsOptions>() ?? new ScalerTlsOptions();
        if (!tls.Enabled)
        {
            // gRPC over plain http needs HTTP/2 with prior knowledge, which Kestrel only speaks when HTTP/1.1 is off.
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
            return;
        }

        var certificate = ScalerCertificates.LoadServerCertificate(tls);
        var authority = string.IsNullOrWhiteSpace(tls.ClientCaPath) ? null : ScalerCertificates.LoadCertificateAuthority(tls.ClientCaPath);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = certificate;
            if (authority is not null)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (clientCertificate, _, _) => ScalerCertificates.IsValidClientCertificate(clientCertificate, authority);
            }
        });
    }
}
