using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Runs every container app job of the model under <c>dotnet run</c>, once the Azure DevOps organisation
/// and the scalers they depend on are up.
/// </summary>
internal sealed class JobEmulationService(DistributedApplicationModel model, JobEmulationDependencies services) : BackgroundService
{
    private readonly TaskCompletionSource<IReadOnlyList<ContainerAppJobEmulator>> _jobs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The emulator of the named job, once the emulation has started.</summary>
    public async Task<ContainerAppJobEmulator> GetAsync(string jobName, CancellationToken cancellationToken)
    {
        var jobs = await _jobs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return jobs.Single(j => j.Job.Name == jobName);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var jobs = model.Resources.OfType<ContainerAppJobResource>().Select(job => new ContainerAppJobEmulator(job, services)).ToList();
        _jobs.TrySetResult(jobs);

        // Each job waits for its own dependencies only: a placeholder needs the organisation, not the scaler, and the
        // organisation counts as ready only once the placeholder has registered, which the scaler waits for.
        await Task.WhenAll(jobs.Select(async job =>
        {
            foreach (var dependency in Dependencies(job.Job))
            {
                await WaitForAsync(dependency, stoppingToken).ConfigureAwait(false);
            }

            await job.RunAsync(jobs, stoppingToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    private async Task WaitForAsync(IResource dependency, CancellationToken stoppingToken)
    {
        await services.Notifications.WaitForResourceAsync(dependency.Name, KnownResourceStates.Running, stoppingToken).ConfigureAwait(false);
        if (dependency.TryGetLastAnnotation<AzureDevOpsEmulatorAnnotation>(out var emulator))
        {
            // Answering is enough here: its pools hold agents only after the placeholders this emulation starts.
            await services.Notifications.WaitForResourceAsync(dependency.Name, e =>
                    e.Snapshot.HealthReports.Any(r => r.Name != emulator.PoolsReadyCheckName)
                    && e.Snapshot.HealthReports.Where(r => r.Name != emulator.PoolsReadyCheckName).All(r => r.Status == HealthStatus.Healthy),
                stoppingToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<IResource> Dependencies(ContainerAppJobResource job)
    {
        if (ContainerAppJobSettings.Source(job) is var agentJob && agentJob != job)
        {
            // A placeholder or maintenance job works in its agent job's organisation and asks no scaler.
            if (agentJob.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var organisation))
            {
                yield return organisation.Emulator;
            }

            yield break;
        }

        if (job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var emulator))
        {
            yield return emulator.Emulator;
        }

        if (job.TryGetLastAnnotation<ContainerAppJobScaleRuleAnnotation>(out var rule) && rule.Scaler is not null)
        {
            yield return rule.Scaler;
        }

        if (job.TryGetLastAnnotation<LocalScalerAnnotation>(out var local))
        {
            yield return local.Scaler;
        }
    }
}
