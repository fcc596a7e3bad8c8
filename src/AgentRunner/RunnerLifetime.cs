using Microsoft.Extensions.Hosting;

namespace AspireAgents.AgentRunner;

/// <summary>
/// Replaces the console lifetime: SIGTERM and SIGINT belong to <see cref="ShutdownSignal"/>, which forwards them
/// to the agent instead of stopping the host under it.
/// </summary>
internal sealed class RunnerLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
