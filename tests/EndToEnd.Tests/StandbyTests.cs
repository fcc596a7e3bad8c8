using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.EndToEnd.Tests;

/// <summary>
/// Standby agents under <c>dotnet run</c>: the Scaler adds them to the queue, the job emulation applies KEDA's
/// arithmetic to its answer and keeps that many idle agents online; a queued job goes to one of them, and the
/// standby is topped up again.
/// </summary>
public sealed class StandbyTests
{
    private const int Standby = 2;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task TheJobEmulationKeepsTheStandbyAgentsIdleOnTopOfTheQueueAndAJobGoesToOneOfThem()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await using var host = await LocalAppHost.StartAsync(
        [
            $"Agents:StandbyAgents={Standby}",
            "Agents:MaxExecutions=6",
            "Agents:PollingIntervalSeconds=2",
            "Agents:ReplicaTimeoutSeconds=240",
            "Agents:IdleTimeoutSeconds=180",
        ], timeout.Token);
        var (app, devops) = (host.App, host.DevOps);

        // The dashboard shows the count and its source as the Scaler computed them.
        var polling = await app.ResourceNotifications.WaitForResourceAsync("agents",
            e => Text(e.Snapshot, ContainerAppJobProperties.StandbySource) == "fixed", timeout.Token);
        Assert.Equal(Standby, Number(polling.Snapshot, ContainerAppJobProperties.StandbyAgents));

        var idle = await WaitForIdleAgentsAsync(devops, Standby, timeout.Token);

        // Held long enough for the next decisions to see the busy execution and top the standby up.
        var response = await devops.PostAsJsonAsync("demo/_apis/pipelines/1/runs?api-version=7.1",
            new RunPipelineParameters(new Dictionary<string, string> { ["durationSeconds"] = "20" }), timeout.Token);
        response.EnsureSuccessStatusCode();

        var taken = await WaitForAsync(async () =>
            (await Requests(devops, timeout.Token)).FirstOrDefault(r => r.ReceiveTime is not null), timeout.Token);
        Assert.Contains(taken.ReservedAgent?.Name, idle);

        // While the job runs, the standby is back: that many idle agents besides the busy one.
        var again = await WaitForIdleAgentsAsync(devops, Standby, timeout.Token);
        Assert.DoesNotContain(taken.ReservedAgent?.Name, again);

        var finished = await WaitForAsync(async () =>
            (await Requests(devops, timeout.Token)).FirstOrDefault(r => r.Result is not null), timeout.Token);
        Assert.Equal(TaskResult.Succeeded, finished.Result);
    }

    /// <summary>Waits until exactly <paramref name="count"/> agents are online with no job, and returns their names.</summary>
    private static async Task<IReadOnlyList<string>> WaitForIdleAgentsAsync(HttpClient devops, int count, CancellationToken cancellationToken) =>
        await WaitForAsync(async () =>
        {
            var agents = await devops.GetFromJsonAsync("_apis/distributedtask/pools/10/agents?includeAssignedRequest=true", AzureDevOpsJsonContext.Default.ListResponseTaskAgent, cancellationToken);
            var idle = agents!.Value!.Where(a => a.Status == TaskAgentStatus.Online && a.AssignedRequest is null).Select(a => a.Name!).ToList();
            return idle.Count == count ? idle : null;
        }, cancellationToken);

    private static async Task<IReadOnlyList<TaskAgentJobRequest>> Requests(HttpClient devops, CancellationToken cancellationToken) =>
        (await devops.GetFromJsonAsync("_apis/distributedtask/pools/10/jobrequests", AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest, cancellationToken))!.Value ?? [];

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, CancellationToken cancellationToken) where T : class
    {
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static string? Text(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    private static long Number(CustomResourceSnapshot snapshot, string name) =>
        Convert.ToInt64(snapshot.Properties.First(p => p.Name == name).Value, System.Globalization.CultureInfo.InvariantCulture);
}
