using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The dashboard's OTLP endpoint as the AppHost's configuration gives it, chosen as Aspire chooses it for the
/// resources it starts: OTLP/gRPC when configured, else OTLP/HTTP; the API key from <c>AppHost:OtlpApiKey</c>.
/// </summary>
/// <param name="Url">The endpoint's base address.</param>
/// <param name="Protocol"><c>grpc</c> or <c>http/protobuf</c>, as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> spells it.</param>
/// <param name="ApiKey">The dashboard's OTLP API key, or <see langword="null"/> when it asks for none.</param>
internal sealed record DashboardTelemetryEndpoint(string Url, string Protocol, string? ApiKey)
{
    /// <summary>The <c>OTEL_EXPORTER_OTLP_HEADERS</c> value that carries the API key.</summary>
    public string? Headers => ApiKey is null ? null : $"x-otlp-api-key={ApiKey}";

    /// <summary>Whether the endpoint speaks OTLP/gRPC.</summary>
    public bool IsGrpc => Protocol == "grpc";

    /// <summary>The endpoint, or <see langword="null"/> when none is configured (the dashboard is off, as in tests).</summary>
    public static DashboardTelemetryEndpoint? From(IConfiguration configuration)
    {
        var apiKey = configuration["AppHost:OtlpApiKey"] is { Length: > 0 } key ? key : null;
        if (First(configuration, "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "DOTNET_DASHBOARD_OTLP_ENDPOINT_URL") is { } grpc)
        {
            return new DashboardTelemetryEndpoint(grpc, "grpc", apiKey);
        }

        return First(configuration, "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL") is { } http
            ? new DashboardTelemetryEndpoint(http, "http/protobuf", apiKey)
            : null;
    }

    private static string? First(IConfiguration configuration, params string[] names) =>
        names.Select(name => configuration[name]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
