using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.Emulator;

/// <summary>
/// The emulator is ready when every pool a local job serves holds an agent: Azure DevOps fails a job queued to a pool
/// without agents at once ("No agent found in pool"), so until the placeholder has registered, a run queued from the
/// dashboard or with curl would fail. Pools of jobs without a placeholder are not waited for (nothing would register).
/// </summary>
internal sealed class EmulatorPoolsHealthCheck(ProjectResource emulator, DistributedApplicationModel model) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pools = PoolsWithPlaceholder().ToList();
        if (pools.Count == 0)
        {
            return HealthCheckResult.Healthy("No local job registers a placeholder agent in this organisation.");
        }

        using var client = EmulatorCommands.Connect(emulator).Client;
        client.Timeout = TimeSpan.FromSeconds(5);

        var waiting = new List<string>();
        foreach (var pool in pools)
        {
            var found = JsonNode.Parse(await client.GetStringAsync(
                $"_apis/distributedtask/pools?poolName={Uri.EscapeDataString(pool)}&api-version=7.1", cancellationToken).ConfigureAwait(false));
            var id = found?["value"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<int>();
            var agents = id is null ? null : JsonNode.Parse(await client.GetStringAsync(
                $"_apis/distributedtask/pools/{id}/agents?api-version=7.1", cancellationToken).ConfigureAwait(false));
            if (agents?["count"]?.GetValue<int>() is not > 0)
            {
                waiting.Add(pool);
            }
        }

        return waiting.Count == 0
            ? HealthCheckResult.Healthy($"Every pool holds an agent: {string.Join(", ", pools)}.")
            : HealthCheckResult.Unhealthy(
                $"Pool {string.Join(", ", waiting)} holds no agent yet: its placeholder job registers one. Runs queued now would fail at once, as Azure DevOps fails them.");
    }

    private IEnumerable<string> PoolsWithPlaceholder() =>
        model.Resources.OfType<ContainerAppJobResource>()
            .Where(job => job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var e) && e.Emulator == emulator)
            .Where(job => model.Resources.OfType<ContainerAppJobResource>()
                .Any(p => p.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var placeholder) && placeholder.AgentJob == job))
            .Select(job => ContainerAppJobSettings.Pool(job).PoolName)
            .Distinct(StringComparer.OrdinalIgnoreCase);
}
