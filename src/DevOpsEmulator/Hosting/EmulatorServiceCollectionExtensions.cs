using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Controls;
using AspireAgents.DevOpsEmulator.Faults;
using AspireAgents.DevOpsEmulator.Identity;
using AspireAgents.DevOpsEmulator.Organization;
using AspireAgents.DevOpsEmulator.Packages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Hosting;

/// <summary>Registers the emulator's services.</summary>
internal static class EmulatorServiceCollectionExtensions
{
    public static IServiceCollection AddDevOpsEmulator(this IServiceCollection services)
    {
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OrganizationState>();
        services.AddSingleton<IdentityDirectory>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AgentTokenService>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<AzureDevOpsAuthenticator>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<FaultStore>();
        services.AddSingleton<RequestStats>();
        services.AddSingleton<AgentPackageStore>();
        services.AddHostedService<JobLockHousekeeper>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, EmulatorJsonContext.Default);
        });
        return services;
    }
}
