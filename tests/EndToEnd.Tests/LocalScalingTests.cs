using Aspire.Hosting.JobEmulation;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.TestSupport;

namespace AspireAgents.EndToEnd.Tests;

/// <summary>
/// The promise of <c>dotnet run</c>, end to end: the AppHost's emulator, scaler and agent job run 30
/// pipeline runs with real agent-runner processes, never more executions than the job allows.
/// </summary>
public sealed class LocalScalingTests
{
    private const int MaxExecutions = 10;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task ThirtyQueuedRunsAllSucceedWithinMaxExecutionsAndThePoolEndsWithOnlyThePlaceholder()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await using var host = await LocalAppHost.StartAsync(
        [
            $"Agents:MaxExecutions={MaxExecutions}",
            "Agents:PollingIntervalSeconds=2",
            "Agents:ReplicaTimeoutSeconds=60",
        ], timeout.Token);
        var (app, devops, port) = (host.App, host.DevOps, host.Port);
        await app.ResourceNotifications.WaitForResourceAsync("agents", e => e.Snapshot.State?.Text == "Polling", timeout.Token);

        // 30 runs of 1–5 s over three pipelines: no demands, Agent.OS, Agent.Version.
        var runs = new List<(int Pipeline, int Run)>();
        for (var i = 0; i < 30; i++)
        {
            var pipeline = 1 + (i % 3);
            var response = await devops.PostAsJsonAsync(
                $"demo/_apis/pipelines/{pipeline}/runs?api-version=7.1",
                new RunPipelineParameters(new Dictionary<string, string> { ["durationSeconds"] = (1 + (i % 5)).ToString() }),
                timeout.Token);
            response.EnsureSuccessStatusCode();
            var run = await response.Content.ReadFromJsonAsync(AzureDevOpsJsonContext.Default.PipelineRun, timeout.Token);
            runs.Add((pipeline, run!.Id));
        }

        // Every execution has taken its job and gone.
        var drained = await app.ResourceNotifications.WaitForResourceAsync("agents",
            e => Property(e.Snapshot, ContainerAppJobProperties.Succeeded) + Property(e.Snapshot, ContainerAppJobProperties.Failed) >= runs.Count
                 && Property(e.Snapshot, ContainerAppJobProperties.Running) == 0,
            timeout.Token);

        foreach (var (pipeline, id) in runs)
        {
            var run = await devops.GetFromJsonAsync($"demo/_apis/pipelines/{pipeline}/runs/{id}?api-version=7.1", AzureDevOpsJsonContext.Default.PipelineRun, timeout.Token);
            Assert.Equal(RunState.Completed, run!.State);
            Assert.Equal(RunResult.Succeeded, run.Result);
        }

        var snapshot = drained.Snapshot;
        Assert.InRange(Property(snapshot, ContainerAppJobProperties.MaxConcurrent), 1, MaxExecutions);
        // With the default pairing every execution gets exactly one job: none registers and leaves empty-handed.
        Assert.Equal(runs.Count, Property(snapshot, ContainerAppJobProperties.Started));
        Assert.Equal(runs.Count, Property(snapshot, ContainerAppJobProperties.Succeeded));

        using var stats = JsonDocument.Parse(await new HttpClient().GetStringAsync($"http://localhost:{port}/_emulator/stats", timeout.Token));
        Assert.InRange(stats.RootElement.GetProperty("agents").GetProperty("onlineMax").GetInt32(), 1, MaxExecutions);

        var agents = await devops.GetFromJsonAsync("_apis/distributedtask/pools/10/agents", AzureDevOpsJsonContext.Default.ListResponseTaskAgent, timeout.Token);
        var placeholder = Assert.Single(agents!.Value);
        Assert.Equal("placeholder", placeholder.Name);
        Assert.Equal(TaskAgentStatus.Offline, placeholder.Status);
    }

    private static long Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
