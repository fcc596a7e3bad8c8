using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation.ExecutionsApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.JobEmulation;

/// <summary>Registers the job emulation and the jobs' dashboard commands (run mode only).</summary>
internal static class JobEmulationBuilderExtensions
{
    public static void AddJobEmulation(this IDistributedApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<JobEmulationMetrics>();
        // The AppHost's own telemetry (decisions, scaler calls, executions) goes where its resources' goes.
        builder.Services.TryAddSingleton(services => JobEmulationTelemetryExport.Create(services.GetRequiredService<IConfiguration>()));
        builder.Services.TryAddSingleton(services => new JobEmulationDependencies(
            services.GetRequiredService<ResourceNotificationService>(),
            services.GetRequiredService<ResourceLoggerService>(),
            services.GetRequiredService<IConfiguration>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<JobEmulationTelemetryExport>(),
            services.GetRequiredService<JobEmulationMetrics>()));
        builder.Services.TryAddSingleton<JobEmulationService>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobEmulationService>(
            services => services.GetRequiredService<JobEmulationService>()));
        // The executions API the local observer reads, when one watches a job.
        builder.Services.TryAddSingleton<JobExecutionsApiService>();
    }

    public static IResourceBuilder<ContainerAppJobResource> WithJobEmulationCommands(this IResourceBuilder<ContainerAppJobResource> job)
    {
        // By the model's name, not the command context's: the dashboard may name a resource's instance instead.
        var jobName = job.Resource.Name;
        return job
            .WithCommand("start-execution", "Start an execution now", async context =>
            {
                var emulator = await Emulator(context).ConfigureAwait(false);
                var execution = emulator.StartManually();
                return CommandResults.Success();
            }, new CommandOptions { Description = "Start one execution, as az containerapp job start does", IconName = "Play", IsHighlighted = true })
            .WithCommand("stop-executions", "Stop all executions", async context =>
            {
                var emulator = await Emulator(context).ConfigureAwait(false);
                emulator.StopAll();
                return CommandResults.Success();
            }, new CommandOptions
            {
                Description = "SIGTERM every running execution; each is killed 30 s later if still running",
                IconName = "Stop",
                ConfirmationMessage = "Stop every running execution of this job? Their jobs end as cancelled or abandoned.",
            });

        Task<ContainerAppJobEmulator> Emulator(ExecuteCommandContext context) =>
            context.Services.GetRequiredService<JobEmulationService>().GetAsync(jobName, context.CancellationToken);
    }
}
