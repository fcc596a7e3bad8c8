using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Auth;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Controls;
using AspireAgents.DevOpsEmulator.Faults;
using AspireAgents.DevOpsEmulator.Identity;
using AspireAgents.DevOpsEmulator.Packages;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Hosting;

/// <summary>Builds the emulator's web application: the same for <c>dotnet run</c> and for tests.</summary>
public static class EmulatorApplication
{
    /// <summary>Builds the application from command-line <paramref name="args"/> and appsettings.</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--urls http://127.0.0.1:5180</c> or <c>--Emulator:TokenLifetime=00:05:00</c>.</param>
    /// <param name="configureServices">Changes to the services before the app is built (tests swap the <see cref="TimeProvider"/>).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults();
        builder.Services.AddDevOpsEmulator();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<UnhandledErrorMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RequestStatsMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<AzureDevOpsAuthMiddleware>();

        app.MapDefaultEndpoints();
        app.MapEmulatorControlsApi();
        app.MapManagedIdentityApi();
        app.MapAgentOAuthApi();
        app.MapTokenIntrospectionApi();
        app.MapAgentDownload();
        app.MapOrganizationApi();

        app.Lifetime.ApplicationStarted.Register(() => LogAddresses(app));
        return app;
    }

    private static void LogAddresses(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILogger<EmulatorOptions>>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var root = address.TrimEnd('/');
            logger.ServingOrganization($"{root}/{options.Organization}", options.Project);
            logger.ServingIdentityEndpoint($"{root}{ManagedIdentityApi.Path}");
        }

        // Prepare the agent package now so that its log line (or how to configure it) appears at startup.
        _ = app.Services.GetRequiredService<AgentPackageStore>().Package;
    }
}
