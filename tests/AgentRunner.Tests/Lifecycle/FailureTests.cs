using AspireAgents.AgentRunner.Tests.Infrastructure;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

public sealed class FailureTests : LifecycleTestBase
{
    [Fact]
    public async Task MissingAzpUrlFailsWithAMessageNamingItAndRegistersNothing()
    {
        var environment = EnvironmentFor("agent-no-url");
        environment.Remove("AZP_URL");

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.Equal((int)RunnerExitCode.InvalidSettings, exitCode);
        Assert.Contains(runner.Lines, l => l.Contains("AZP_URL is not set", StringComparison.Ordinal) && l.Contains("https://dev.azure.com/", StringComparison.Ordinal));
        Assert.Empty(await Emulator.GetAgentsAsync());
    }

    [Fact]
    public async Task UnknownPoolFailsWithAMessageNamingAzpPoolAndRegistersNothing()
    {
        var environment = EnvironmentFor("agent-unknown-pool");
        environment["AZP_POOL"] = "no-such-pool";

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.Equal((int)RunnerExitCode.PoolNotFound, exitCode);
        Assert.Contains(runner.Lines, l => l.Contains("Pool 'no-such-pool' (AZP_POOL) does not exist", StringComparison.Ordinal));
        Assert.Empty(await Emulator.GetAgentsAsync());
        Assert.False(System.IO.Directory.Exists(environment["AZP_AGENT_DIR"]), "Nothing should have been installed.");
    }

    [Fact]
    public async Task IdentityNotInTheOrganizationFailsWithAMessageSayingSoAndRegistersNothing()
    {
        var environment = EnvironmentFor("agent-stranger");
        environment["AZURE_CLIENT_ID"] = EmulatorProcess.NotInOrganizationClientId;

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.Equal((int)RunnerExitCode.AuthenticationFailed, exitCode);
        Assert.Contains(runner.Lines, l => l.Contains("refused the managed identity", StringComparison.Ordinal) && l.Contains("add the identity to the organisation", StringComparison.Ordinal));
        Assert.Empty(await Emulator.GetAgentsAsync());
    }

    [Fact]
    public async Task DownloadNotMatchingItsHashIsRefusedWithAClearMessageAndRegistersNothing()
    {
        // The emulator advertises the archive's hash; the archive then changes under it.
        using (var response = await Emulator.Http.GetAsync("/local/_apis/distributedtask/packages/agent?platform=linux-x64&top=1"))
        {
            response.EnsureSuccessStatusCode();
        }

        await File.AppendAllTextAsync(Emulator.PackagePath, "tampered");
        var environment = EnvironmentFor("agent-bad-hash");

        var (exitCode, runner) = await RunAsync(environment);
        await using var _ = runner;

        Assert.Equal((int)RunnerExitCode.AgentPackageFailed, exitCode);
        Assert.Contains(runner.Lines, l => l.Contains("does not match its hashValue", StringComparison.Ordinal) && l.Contains("refusing to run it", StringComparison.Ordinal));
        Assert.Empty(await Emulator.GetAgentsAsync());
        Assert.False(System.IO.Directory.Exists(environment["AZP_AGENT_DIR"]), "A refused package must not be extracted.");
        Assert.Empty(System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(environment["AZP_AGENT_DIR"])!, "*", SearchOption.AllDirectories));
    }
}
