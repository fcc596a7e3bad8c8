using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using Aspire.Hosting.Testing;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.TestSupport;

namespace AspireAgents.EndToEnd.Tests;

/// <summary>
/// The maintenance job under <c>dotnet run</c>: a dashboard resource whose run, started by its command, is the
/// runner's maintenance mode against the AppHost's emulator.
/// </summary>
public sealed class LocalMaintenanceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task AMaintenanceRunStartedFromItsCommandRegistersADeletedPlaceholderAgain()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var port = FreePort.Next();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Agents:EmulatorPort={port}",
            // Once a year: only the run this test starts.
            "Agents:Maintenance:Schedule=0 0 1 1 *",
        ], timeout.Token);
        await using var app = await appHost.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        using var devops = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/local/") };
        devops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":local-dev-pat")));
        var scheduled = await app.ResourceNotifications.WaitForResourceAsync("agents-maintenance", e => e.Snapshot.State?.Text == "Scheduled", timeout.Token);
        Assert.Equal("0 0 1 1 *", scheduled.Snapshot.Properties.Single(p => p.Name == ContainerAppJobProperties.Schedule).Value);
        var placeholder = Assert.Single((await Agents(devops, timeout.Token)), a => a.Name == "placeholder");
        (await devops.DeleteAsync($"_apis/distributedtask/pools/10/agents/{placeholder.Id}", timeout.Token)).EnsureSuccessStatusCode();

        Assert.True((await app.ResourceCommands.ExecuteCommandAsync("agents-maintenance", "start-execution", timeout.Token)).Success);
        var ended = await app.ResourceNotifications.WaitForResourceAsync("agents-maintenance",
            e => Property(e.Snapshot, ContainerAppJobProperties.Succeeded) + Property(e.Snapshot, ContainerAppJobProperties.Failed) >= 1, timeout.Token);

        Assert.Equal(1, Property(ended.Snapshot, ContainerAppJobProperties.Succeeded));
        var again = Assert.Single(await Agents(devops, timeout.Token));
        Assert.Equal(("placeholder", TaskAgentStatus.Offline), (again.Name, again.Status));
        Assert.NotEqual(placeholder.Id, again.Id);
    }

    private static async Task<IReadOnlyList<TaskAgent>> Agents(HttpClient devops, CancellationToken cancellationToken) =>
        (await devops.GetFromJsonAsync("_apis/distributedtask/pools/10/agents", AzureDevOpsJsonContext.Default.ListResponseTaskAgent, cancellationToken))!.Value;

    private static long Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
