using System.Diagnostics;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.Planner.Records;
using AspireAgents.TestSupport;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.Planner.Tests.Records;

/// <summary>The reader against the emulator as a process, through the Scaler's client and its PAT configuration.</summary>
public sealed class AzureDevOpsJobSourceTests : IAsyncLifetime
{
    private EmulatorProcess _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorProcess.StartAsync("--Logging:LogLevel:Default=Warning");

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static IConfiguration Pat(string pat) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AzureDevOps:Authentication"] = "PersonalAccessToken",
        ["AzureDevOps:PersonalAccessToken"] = pat,
    }).Build();

    [Fact]
    public async Task JobsThatNoAgentHasFinishedAreLeftOut()
    {
        await _emulator.QueueRunAsync(durationSeconds: 5);
        await _emulator.WaitForJobRequestsAsync(requests => requests.Count >= 1, TimeSpan.FromSeconds(30));

        var recording = await AzureDevOpsConnection.ReadJobsAsync(new Uri(_emulator.OrganizationUrl), Pat(EmulatorProcess.Pat), EmulatorProcess.Pool);

        Assert.Empty(recording.Jobs);
        Assert.Contains($"pool {EmulatorProcess.Pool} ({EmulatorProcess.PoolId})", recording.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPoolIsNamed()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzureDevOpsConnection.ReadJobsAsync(new Uri(_emulator.OrganizationUrl), Pat(EmulatorProcess.Pat), "no-such-pool"));

        Assert.Contains("has no agent pool named 'no-such-pool'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedByTheService()
    {
        await Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() =>
            AzureDevOpsConnection.ReadJobsAsync(new Uri(_emulator.OrganizationUrl), Pat("not-the-pat"), EmulatorProcess.Pool));
    }

    [Theory]
    [InlineData(EmulatorProcess.Pat, "lists no finished job")]
    [InlineData("not-the-pat", "Could not read the jobs:")]
    public async Task ThePlannerReadsThePoolWithTheScalersEnvironmentKeysAndSaysWhyItCannotPlan(string pat, string message)
    {
        await _emulator.QueueRunAsync(durationSeconds: 5);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "AspireAgents.Planner.dll"), "--organization", _emulator.OrganizationUrl, "--pool", EmulatorProcess.Pool },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["AzureDevOps__Authentication"] = "PersonalAccessToken",
                ["AzureDevOps__PersonalAccessToken"] = pat,
            },
        };

        using var planner = Process.Start(start)!;
        var output = planner.StandardOutput.ReadToEndAsync();
        var error = await planner.StandardError.ReadToEndAsync();
        await planner.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, planner.ExitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain(pat, error + await output, StringComparison.Ordinal);
    }
}
