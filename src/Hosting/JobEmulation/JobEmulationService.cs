using Aspire.Hosting.ApplicationModel;
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

        foreach (var dependency in jobs.SelectMany(j => Dependencies(j.Job)).Distinct())
        {
            await services.Notifications.WaitForResourceAsync(dependency.Name, KnownResourceStates.Running, stoppingToken).ConfigureAwait(false);
            if (dependency.HasAnnotationOfType<AzureDevOpsEmulatorAnnotation>())
            {
                await services.Notifications.WaitForResourceHealthyAsync(dependency.Name, stoppingToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(jobs.Select(job => job.RunAsync(jobs, stoppingToken))).ConfigureAwait(false);
    }

    private static IEnumerable<IResource> Dependencies(ContainerAppJobResource job)
    {
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
