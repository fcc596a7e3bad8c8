using AspireAgents.AgentRunner.Tests.Infrastructure;
using AspireAgents.AgentRunner.Tests.Lifecycle;
using Xunit.Abstractions;

namespace AspireAgents.AgentRunner.Tests.Boundary;

/// <summary>
/// probe-credentials.sh, the hostile step, run as the agent's user next to a runner whose agent is running, as a
/// step would be. The agent here is a stand-in of the stand-in (config.sh succeeds, run.sh waits): what is probed
/// is the runner and the files it prepared, not the agent. <see cref="ProbeAsPipelineStepTests"/> runs the same probe
/// as a real step.
/// </summary>
public sealed class HostileStepTests(ITestOutputHelper output) : LifecycleTestBase
{
    private static readonly string KnownToken = $"probe-{Guid.NewGuid():N}";

    protected override IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string>
    {
        ["PersonalAccessTokens:0"] = EmulatorProcess.Pat,
        ["PersonalAccessTokens:1"] = KnownToken,
    };

    [AgentUserFact]
    public async Task EveryRouteToTheRunnersCredentialsIsBlockedForAStep()
    {
        var environment = EnvironmentFor("agent-probed");
        var agentDirectory = environment["AZP_AGENT_DIR"];
        WriteFakeAgent(agentDirectory);
        var tokenFile = Directory.Combine("secrets", "azp-token");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        File.WriteAllText(tokenFile, KnownToken);
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead);
        environment["AZP_TOKEN_FILE"] = tokenFile;
        environment["AZP_AGENT_USER"] = AgentUserHost.UserName;

        await using var runner = RunnerProcess.Start(environment);
        await runner.WaitForLineAsync("fake agent listening", TimeSpan.FromSeconds(60));
        var probe = await AgentUserHost.RunAsync("bash", [ProbeReport.ScriptPath], new Dictionary<string, string>
        {
            ["PROBE_AGENT_DIR"] = agentDirectory,
            ["PROBE_RUNNER_PID"] = runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PROBE_IDENTITY_ENDPOINT"] = Emulator.IdentityEndpoint,
            ["PROBE_TOKEN_FILE"] = tokenFile,
            ["PROBE_SECRETS"] = $"{EmulatorProcess.IdentityHeader},{KnownToken}",
        });
        runner.Signal("TERM");
        var exitCode = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var report = $"{probe.Output}{Environment.NewLine}{probe.Error}{Environment.NewLine}{runner.Output}";
        output.WriteLine(probe.Output);
        ProbeReport.Parse(probe.Output).AssertAllBlocked([.. ProbeReport.AgentRoutes, "token-file"], report);
        Assert.True(probe.ExitCode == 0, report);
        Assert.True(exitCode == (int)RunnerExitCode.Terminated, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains("credential: token from AZP_TOKEN_FILE", StringComparison.Ordinal));
    }

    /// <summary>An agent package in shape: config.sh that registers nothing, run.sh that waits like a listener.</summary>
    private static void WriteFakeAgent(string directory)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "bin"));
        Write(Path.Combine(directory, "config.sh"), "echo fake agent configured");
        Write(Path.Combine(directory, "run.sh"), "echo fake agent listening\nexec sleep 120");
        Write(Path.Combine(directory, "env.sh"), "touch .env");
        Write(Path.Combine(directory, "bin", "Agent.Listener"), "exit 0");

        static void Write(string path, string body)
        {
            File.WriteAllText(path, $"#!/bin/bash\n{body}\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
