using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.DependencyInjection;
using AspireAgents.AzureDevOps.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Azure DevOps client.</summary>
public static class AzureDevOpsServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> all Azure DevOps clients share; configure its primary handler in tests.</summary>
    public const string HttpClientName = "AspireAgents.AzureDevOps";

    /// <summary>
    /// Registers <see cref="IAzureDevOpsClientFactory"/>, <see cref="IAzureDevOpsClient"/> (for
    /// <see cref="AzureDevOpsClientOptions.OrganizationUrl"/>), the default <see cref="AzureDevOpsAuthentication"/>,
    /// the shared <see cref="RateLimitGate"/> and the named <see cref="HttpClient"/> with retries, authentication and
    /// telemetry. Generic resilience handlers (such as the service defaults' standard handler) are removed from this
    /// client: its own retries honour Azure DevOps' rate-limit headers and long polls.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options (bind <see cref="AzureDevOpsClientOptions.SectionName"/> too, if wanted).</param>
    /// <returns>The HTTP client builder, for further configuration.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddOptions&lt;AzureDevOpsClientOptions&gt;().BindConfiguration(AzureDevOpsClientOptions.SectionName);
    /// builder.Services.AddAzureDevOpsClient();
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddAzureDevOpsClient(this IServiceCollection services, Action<AzureDevOpsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<AzureDevOpsClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(AzureDevOpsClientMarker)))
        {
            return services.AddHttpClient(HttpClientName);
        }

        services.AddSingleton<AzureDevOpsClientMarker>();
        optionsBuilder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureDevOpsClientOptions>, AzureDevOpsClientOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RateLimitGate(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => AzureDevOpsAuthenticationFactory.Create(
            sp.GetRequiredService<IOptions<AzureDevOpsClientOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAzureDevOpsClientFactory, AzureDevOpsClientFactory>();
        services.TryAddTransient<IAzureDevOpsClient>(sp =>
        {
            var organization = sp.GetRequiredService<IOptions<AzureDevOpsClientOptions>>().Value.OrganizationUrl
                ?? throw new InvalidOperationException(
                    $"{AzureDevOpsClientOptions.SectionName}:OrganizationUrl is not set: set it to the organisation URL (e.g. https://dev.azure.com/contoso), or create clients with IAzureDevOpsClientFactory.");
            return sp.GetRequiredService<IAzureDevOpsClientFactory>().Create(organization);
        });

        // The service defaults add a generic retry handler to every client; it would retry on top of ours, ignore
        // X-RateLimit-Delay and cut long polls short, so it is removed from this one.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt out.
        var builder = services
            .AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder
            .AddHttpMessageHandler(sp => new AzureDevOpsRetryHandler(
                sp.GetRequiredService<IOptions<AzureDevOpsClientOptions>>().Value.Http,
                sp.GetRequiredService<RateLimitGate>(),
                sp.GetRequiredService<TimeProvider>()))
            .AddHttpMessageHandler(sp => new AzureDevOpsAuthenticationHandler(sp.GetRequiredService<AzureDevOpsAuthentication>()))
            .AddHttpMessageHandler(sp => new AzureDevOpsTelemetryHandler(sp.GetRequiredService<TimeProvider>()));
    }

    private sealed class AzureDevOpsClientMarker;
}
