using AspireAgents.Scaler.Observer;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the scaling observer in the Scaler's host, when <c>Observer:Enabled</c> is true.</summary>
public static class ObserverServiceCollectionExtensions
{
    /// <summary>
    /// Adds the observer's options and, when <c>Observer:Enabled</c> is true, the executions client (with the host's managed
    /// identity: <c>Observer:ManagedIdentityClientId</c>, else <c>AZURE_CLIENT_ID</c>, else the system-assigned one) and the
    /// observer as a hosted service. The Scaler's gRPC service stays mapped: an observer app simply has no ingress.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddScalingObserver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ObserverOptions>().BindConfiguration(ObserverOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ObserverOptions>, ObserverOptionsValidator>();
        if (!configuration.GetValue<bool>($"{ObserverOptions.SectionName}:{nameof(ObserverOptions.Enabled)}"))
        {
            return services;
        }

        services.AddHttpClient<JobExecutionsClient>()
            .AddTypedClient((http, provider) =>
            {
                var options = provider.GetRequiredService<IOptions<ObserverOptions>>();
                var clientId = options.Value.ManagedIdentityClientId ?? configuration["AZURE_CLIENT_ID"];
                var identity = string.IsNullOrWhiteSpace(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId);
                return new JobExecutionsClient(http, new ManagedIdentityCredential(identity), options);
            });
        services.AddSingleton<ScalingObserver>();
        services.AddHostedService(provider => provider.GetRequiredService<ScalingObserver>());
        return services;
    }
}
