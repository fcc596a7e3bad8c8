using System.Net;
using AspireAgents.AgentRunner.Boundary;
using AspireAgents.AgentRunner.DevOps;
using AspireAgents.AgentRunner.Maintenance;
using AspireAgents.AgentRunner.Packages;
using AspireAgents.AgentRunner.Processes;
using AspireAgents.AgentRunner.Tokens;
using AspireAgents.AzureDevOps.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AspireAgents.AgentRunner;

/// <summary>Wires the runner into a host and runs one execution.</summary>
internal static class AgentRunnerExtensions
{
    /// <summary>Registers the runner's services; settings are read from the environment when first needed.</summary>
    public static TBuilder AddAgentRunner<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Error);

        // A job's log is read by people: per-request HTTP chatter goes to traces, not to the console.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton<IHostLifetime, RunnerLifetime>();
        services.AddOptions<AgentRunnerOptions>().BindConfiguration(AgentRunnerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentRunnerOptions>, AgentRunnerOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ShutdownSignal>();
        services.AddSingleton<SecretRedactor>();
        services.AddSingleton(provider => RunnerSettings.Load(provider.GetRequiredService<IConfiguration>(), Dns.GetHostName()));
        services.AddSingleton(provider => new RegistrationTokenProvider(
            provider.GetRequiredService<RunnerSettings>().Credential, provider.GetRequiredService<SecretRedactor>()));
        services.AddSingleton<AgentProcessSupervisor>();
        services.AddSingleton(provider => AgentBoundary.Create(
            provider.GetRequiredService<RunnerSettings>(),
            RunnerPrivileges.EffectiveUserId,
            AgentUser.Find,
            AgentBoundary.FindOnPath));
        services.AddSingleton<AgentLifecycle>();

        // The package comes from a CDN and may be large: no resilience timeouts, the installer bounds it.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt out.
        services.AddHttpClient<AgentPackageInstaller>().RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // The shared client, authenticated as the registration is: the same managed-identity credential (and so
        // the same token cache), or the token from the environment.
        services.AddAzureDevOpsClient();
        services.AddOptions<AzureDevOpsClientOptions>().Configure<RunnerSettings, RegistrationTokenProvider>((client, settings, tokens) =>
        {
            client.OrganizationUrl = settings.OrganizationUrl;
            if (tokens.TokenCredential is { } credential)
            {
                client.Credential = credential;
            }
            else
            {
                client.Authentication = AzureDevOpsAuthenticationMode.PersonalAccessToken;
                client.PersonalAccessToken = settings.Credential.Token;
            }
        });
        services.AddSingleton<IAgentPoolApi, AzureDevOpsAgentPoolApi>();
        return builder;
    }

    /// <summary>Runs one execution in <paramref name="host"/> and returns the process's exit code.</summary>
    public static async Task<int> RunAgentExecutionAsync(this IHost host)
    {
        var shutdown = host.Services.GetRequiredService<ShutdownSignal>();
        shutdown.Listen();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AspireAgents.AgentRunner");
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();

        // The host first: OpenTelemetry's listeners start with it, and the execution's span needs one. Starting also
        // validates the options (ValidateOnStart): a bad setting ends the execution with the settings' exit code.
        MaintenanceSettings? maintenance;
        try
        {
            await host.StartAsync().ConfigureAwait(false);
            maintenance = MaintenanceSettings.Load(configuration);
        }
        catch (Exception e) when (e is OptionsValidationException or RunnerSettingsException)
        {
            var errors = e is OptionsValidationException options ? options.Failures : ((RunnerSettingsException)e).Errors;
            foreach (var error in errors)
            {
                logger.InvalidSetting(error);
            }

            logger.Exiting((int)RunnerExitCode.InvalidSettings, RunnerExitCode.InvalidSettings);
            return (int)RunnerExitCode.InvalidSettings;
        }

        RunnerExitCode result;
        using (var execution = maintenance is null
            ? RunnerTelemetry.StartExecution(configuration[EnvironmentNames.TraceParent], configuration[EnvironmentNames.TraceState])
            : MaintenanceTelemetry.StartRun(configuration[EnvironmentNames.TraceParent], configuration[EnvironmentNames.TraceState]))
        {
            try
            {
                result = maintenance is null
                    ? await host.Services.GetRequiredService<AgentLifecycle>().RunAsync(execution).ConfigureAwait(false)
                    : await ActivatorUtilities.CreateInstance<MaintenanceRun>(host.Services, maintenance).RunAsync(execution).ConfigureAwait(false);
            }
            catch (RunnerSettingsException e)
            {
                foreach (var error in e.Errors)
                {
                    logger.InvalidSetting(error);
                }

                result = RunnerExitCode.InvalidSettings;
            }
#pragma warning disable CA1031 // The process must end with a code, whatever went wrong.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.UnexpectedError(e);
                result = RunnerExitCode.UnexpectedError;
            }

            execution?.SetTag(RunnerTelemetry.Tags.Result, result.ToString());
            execution?.SetTag(RunnerTelemetry.Tags.ExitCode, (int)result);
            if (result is not (RunnerExitCode.Success or RunnerExitCode.Terminated or RunnerExitCode.Interrupted))
            {
                execution.Fail(result.ToString());
            }

            if (TryGet<RunnerSettings>(host.Services) is { } settings)
            {
                RunnerTelemetry.RecordExecution(settings.Pool, result, time.GetElapsedTime(started), TryGet<AgentLifecycle>(host.Services)?.Job, settings.Placeholder);
            }
        }

        logger.Exiting((int)result, result);

        // The process ends right after: send the execution's spans and metrics now, within a bound that leaves the
        // rest of Container Apps' 30 s grace (after SIGTERM) to the exit.
        FlushTelemetry(host.Services, TimeSpan.FromSeconds(5));
        await host.StopAsync().ConfigureAwait(false);
        return (int)result;
    }

    /// <summary>A service that depends on the settings: none when they could not be read.</summary>
    private static T? TryGet<T>(IServiceProvider services) where T : class
    {
        try
        {
            return services.GetRequiredService<T>();
        }
        catch (RunnerSettingsException)
        {
            return null;
        }
    }

    private static void FlushTelemetry(IServiceProvider services, TimeSpan timeout)
    {
        var milliseconds = (int)timeout.TotalMilliseconds;
        services.GetService<TracerProvider>()?.ForceFlush(milliseconds);
        services.GetService<MeterProvider>()?.ForceFlush(milliseconds);
    }
}
