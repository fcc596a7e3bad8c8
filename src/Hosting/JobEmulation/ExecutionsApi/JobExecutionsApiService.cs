using System.Net.Http;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// Starts the executions API with the AppHost when a job grants read access to its executions (an observer watches it),
/// and only then: no port is opened for nothing.
/// </summary>
internal sealed class JobExecutionsApiService(DistributedApplicationModel model, JobEmulationService jobs) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private JobExecutionsApiServer? _server;

    /// <summary>The API's base address, once it listens.</summary>
    public Task<Uri> Address => _address.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var observed = model.Resources.OfType<ContainerAppJobResource>().FirstOrDefault(j => j.HasAnnotationOfType<JobExecutionsReaderAnnotation>());
        if (observed is null)
        {
            return;
        }

        _server = await JobExecutionsApiServer.StartAsync(jobs, new TokenIntrospector(_http), () => Issuer(observed), JobExecutionsApiServer.DefaultPageSize, cancellationToken)
            .ConfigureAwait(false);
        _address.TrySetResult(_server.Address);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    // The emulator that issues the observer's tokens: the observed job's, once its endpoint is allocated.
    private static Uri? Issuer(ContainerAppJobResource job) =>
        job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var emulator) && emulator.Endpoint.IsAllocated
            ? new Uri(emulator.Endpoint.Url)
            : null;
}
