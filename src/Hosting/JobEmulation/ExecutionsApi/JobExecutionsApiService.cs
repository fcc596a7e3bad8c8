using System.Net.Http;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// Starts the executions API the first time an observer asks for its address, and only then: no port is opened for
/// nothing. Not a hosted service: an observer's environment is resolved while the AppHost starts its resources, before
/// hosted services registered after the orchestrator have started, so waiting for one there would never end.
/// </summary>
internal sealed class JobExecutionsApiService(JobEmulationService jobs) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly object _gate = new();
    private Task<JobExecutionsApiServer>? _server;

    /// <summary>The API's base address, starting it on first use; tokens are checked with the observed job's emulator.</summary>
    public async Task<Uri> GetAddressAsync(ContainerAppJobResource observed, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _server ??= JobExecutionsApiServer.StartAsync(jobs, new TokenIntrospector(_http), () => Issuer(observed), JobExecutionsApiServer.DefaultPageSize, CancellationToken.None);
        }

        return (await _server.WaitAsync(cancellationToken).ConfigureAwait(false)).Address;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { IsCompletedSuccessfully: true } started)
        {
            await (await started.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    // The emulator that issues the observer's tokens: the observed job's, once its endpoint is allocated.
    private static Uri? Issuer(ContainerAppJobResource job) =>
        job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var emulator) && emulator.Endpoint.IsAllocated
            ? new Uri(emulator.Endpoint.Url)
            : null;
}
