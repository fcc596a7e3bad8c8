using Aspire.Hosting.ApplicationModel;
using AspireAgents.AppHostHarness;
using Microsoft.Extensions.DependencyInjection;

namespace AspireAgents.Chaos;

/// <summary>
/// One run of the agents' maintenance job (the janitor that removes agents of killed executions, and the placeholder's
/// doctor): started with the job's "Start an execution now" command, as a user would from the dashboard, and waited for.
/// An AppHost without that job has nothing to run: the suite then reports the agents it finds as they are.
/// </summary>
internal static class MaintenanceRun
{
    public const string JobName = "agents-maintenance";

    /// <summary>The job emulation's command that starts one execution of a job now.</summary>
    private const string StartExecutionCommand = "start-execution";

    /// <summary>The run's outcome (Succeeded, Failed…), or null when the AppHost has no maintenance job.</summary>
    public static async Task<string?> RunOnceAsync(ChaosHost host, CancellationToken cancellationToken)
    {
        if (host.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.All(r => r.Name != JobName))
        {
            return null;
        }

        var before = host.Observer.Executions.Where(e => e.Job == JobName).Select(e => e.Name).ToHashSet();
        var started = await host.App.ResourceCommands.ExecuteCommandAsync(JobName, StartExecutionCommand, cancellationToken).ConfigureAwait(false);
        if (!started.Success)
        {
            throw new InvalidOperationException($"The maintenance job did not start: {started.Message}");
        }

        ExecutionRecord? run = null;
        await Waiting.UntilAsync(
            () => (run = host.Observer.Executions.FirstOrDefault(e => e.Job == JobName && !before.Contains(e.Name) && e.Stopped is not null)) is not null,
            TimeSpan.FromMinutes(3), "the maintenance run to end", cancellationToken).ConfigureAwait(false);
        return run!.Outcome;
    }
}
