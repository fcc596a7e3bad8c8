using System.Globalization;
using System.Text;
using AspireAgents.AgentRunner.Tests.Infrastructure;
using AspireAgents.AgentRunner.Tests.Lifecycle;
using AspireAgents.AzureDevOps.Wire;
using Xunit.Abstractions;

namespace AspireAgents.AgentRunner.Tests.Boundary;

/// <summary>
/// probe-credentials.sh as a real pipeline step: its content queued as a run's <c>script</c>, run by the stand-in
/// agent as nobody under a root runner, and judged from the step's log read through the build logs API; once with
/// each kind of credential the runner can hold.
/// </summary>
public sealed class ProbeAsPipelineStepTests(ITestOutputHelper output) : LifecycleTestBase
{
    private static readonly string Pat = $"probe-pat-{Guid.NewGuid():N}";
    private static readonly string IdentityHeader = $"probe-header-{Guid.NewGuid():N}";

    /// <summary>What the runner registers and removes the agent with.</summary>
    public enum Credential
    {
        /// <summary>The emulator's managed-identity endpoint, with its header.</summary>
        ManagedIdentity,

        /// <summary>A PAT in <c>AZP_TOKEN_FILE</c>, root's with mode 0600, and no managed identity.</summary>
        TokenFile,
    }

    protected override IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string>
    {
        ["PersonalAccessTokens:0"] = EmulatorProcess.Pat,
        ["PersonalAccessTokens:1"] = Pat,
        ["IdentityHeader"] = IdentityHeader,
    };

    [AgentUserTheory]
    [InlineData(Credential.ManagedIdentity)]
    [InlineData(Credential.TokenFile)]
    public async Task EveryRouteToTheRunnersCredentialsIsBlockedForARealPipelineStep(Credential credential)
    {
        var environment = EnvironmentFor($"probe-step-{credential}".ToLowerInvariant());
        environment["AZP_AGENT_USER"] = AgentUserHost.UserName;
        string? tokenFile = null;
        if (credential == Credential.ManagedIdentity)
        {
            environment["IDENTITY_HEADER"] = IdentityHeader;
        }
        else
        {
            environment.Remove("IDENTITY_ENDPOINT");
            environment.Remove("IDENTITY_HEADER");
            tokenFile = Directory.Combine("secrets", "azp-token");
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
            File.WriteAllText(tokenFile, Pat);
            File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            environment["AZP_TOKEN_FILE"] = tokenFile;
        }

        await using var runner = RunnerProcess.Start(environment);

        // Queued once the agent is registered (a run queued to a pool without agents fails at once), and so with the
        // runner's pid: other runners on this machine are none of the probe's business.
        await runner.WaitForLineAsync("run.sh --once", TimeSpan.FromSeconds(60));
        var inputs = new Dictionary<string, string>
        {
            ["PROBE_AGENT_DIR"] = environment["AZP_AGENT_DIR"],
            ["PROBE_RUNNER_PID"] = runner.Id.ToString(CultureInfo.InvariantCulture),
            ["PROBE_IDENTITY_ENDPOINT"] = Emulator.IdentityEndpoint,
        };
        if (tokenFile is not null)
        {
            inputs["PROBE_TOKEN_FILE"] = tokenFile;
        }

        var queued = await Emulator.QueueRunAsync(new Dictionary<string, string> { ["script"] = StepScript(inputs, [Pat, IdentityHeader]) });
        var run = await Emulator.WaitForRunAsync(queued.Id, TimeSpan.FromSeconds(90));
        var exitCode = await runner.WaitForExitAsync(RunnerTimeout);
        var log = await Emulator.GetBuildLogAsync(run.Id, Assert.Single(await Emulator.GetBuildLogsAsync(run.Id)).Id);
        output.WriteLine(log);

        var context = $"Step log:{Environment.NewLine}{log}{Environment.NewLine}Runner:{Environment.NewLine}{runner.Output}";
        ProbeReport.Parse(log).AssertAllBlocked(tokenFile is null ? ProbeReport.AgentRoutes : [.. ProbeReport.AgentRoutes, "token-file"], context);
        Assert.True(run.Result == RunResult.Succeeded, $"The run is {run.Result}.{Environment.NewLine}{context}");
        Assert.True(exitCode == (int)RunnerExitCode.Success, context);
        Assert.Contains(runner.Lines, l => l.Contains(credential == Credential.TokenFile ? "credential: token from AZP_TOKEN_FILE" : "credential: managed identity", StringComparison.Ordinal));
        Assert.Empty(await Emulator.GetAgentsAsync());

        // Neither secret anywhere in what the step or the runner wrote (the test, not the probe, knows them).
        foreach (var secret in new[] { Pat, IdentityHeader })
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"The step's log holds a secret:{Environment.NewLine}{context}");
            Assert.False(runner.Output.Contains(secret, StringComparison.Ordinal), $"The runner's output holds a secret:{Environment.NewLine}{context}");
        }
    }

    /// <summary>
    /// The step a user would queue: the probe's content, after its inputs as the script's first lines. The secrets it
    /// hunts for go in base64, so that the script itself, which the real agent prints into the log, holds neither.
    /// </summary>
    private static string StepScript(IReadOnlyDictionary<string, string> inputs, IEnumerable<string> secrets)
    {
        var script = new StringBuilder("# The probe's inputs.\n");
        foreach (var (name, value) in inputs)
        {
            script.Append(CultureInfo.InvariantCulture, $"export {name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
        }

        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(',', secrets)));
        script.Append(CultureInfo.InvariantCulture, $"PROBE_SECRETS=$(printf %s {encoded} | base64 -d)\nexport PROBE_SECRETS\n\n");
        script.Append(File.ReadAllText(ProbeReport.ScriptPath));
        return script.ToString();
    }
}
