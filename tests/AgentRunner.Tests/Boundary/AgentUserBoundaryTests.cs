using System.Collections.Concurrent;
using AspireAgents.AgentRunner.Boundary;
using AspireAgents.AgentRunner.Tests.Infrastructure;
using AspireAgents.AgentRunner.Tests.Lifecycle;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Boundary;

/// <summary>The runner as root, the agent as <c>nobody</c>: what each can reach.</summary>
public sealed class AgentUserBoundaryTests : LifecycleTestBase
{
    [AgentUserFact]
    public async Task TheJobRunsAsTheAgentUserWithoutCredentialsOnFilesItCannotChangeAndSigtermStillRemovesTheAgent()
    {
        await RegisterPlaceholderAsync();
        await Emulator.QueueRunAsync(durationSeconds: 123);
        var environment = EnvironmentFor("agent-boundary");
        environment["AZP_AGENT_USER"] = AgentUserHost.UserName;
        var agentDirectory = environment["AZP_AGENT_DIR"];

        await using var runner = RunnerProcess.Start(environment);
        var seen = new ConcurrentDictionary<int, ProcessSnapshot>();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                foreach (var process in ProcessSnapshot.DescendantsOf(runner.Id))
                {
                    seen.TryAdd(process.Id, process);
                }

                await Task.Delay(20);
            }
        });
        await runner.WaitForLineAsync("Starting: ", TimeSpan.FromSeconds(60));
        await WaitForAsync(() => seen.Values.FirstOrDefault(p => p.CommandLine.Contains("sleep 123", StringComparison.Ordinal)));

        // While the job runs: who owns what, and whether the runner's environment is closed to the agent's user.
        var owners = new[] { "", "config.sh", "run.sh", "env.sh", "bin", "bin/Agent.Listener.dll", "_diag", ".agent", ".credentials", ".credentials_rsaparams" }
            .ToDictionary(p => p, p => FileOwner.Of(Path.Combine(agentDirectory, p)));
        var runnerEnvironment = await AgentUserHost.RunAsync("cat", [$"/proc/{runner.Id}/environ"]);
        var runnerMemory = await AgentUserHost.RunAsync("head", ["-c", "1", $"/proc/{runner.Id}/mem"]);

        runner.Signal("TERM");
        var exitCode = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await watching.CancelAsync();
        await watcher;

        Assert.True(exitCode == (int)RunnerExitCode.Terminated, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains($"The agent runs as {AgentUserHost.UserName}", StringComparison.Ordinal) && l.Contains("non-dumpable: True", StringComparison.Ordinal));
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
        Assert.Contains(Assert.Single(await Emulator.GetJobRequestsAsync()).Result, new TaskResult?[] { TaskResult.Canceled, TaskResult.Abandoned });
        Assert.Empty(AgentUserSweep.ProcessesOf(AgentUserHost.User.Uid));

        // Every process the runner started ran as the agent's user; aside: setsid and setpriv, which exec the script
        // once they have switched, and a child caught between fork and exec, still the runner's image.
        var agentProcesses = seen.Values.Where(p =>
            Path.GetFileName(p.CommandLine.Split(' ')[0]) is not ("setsid" or "setpriv") &&
            !p.CommandLine.Contains("AspireAgents.AgentRunner", StringComparison.Ordinal)).ToList();
        var seenLines = string.Join(Environment.NewLine, agentProcesses.Select(p => p.CommandLine));
        foreach (var expected in new[] { "Agent.Listener.dll configure", "Agent.Listener.dll run", "sleep 123" })
        {
            Assert.True(agentProcesses.Any(p => p.CommandLine.Contains(expected, StringComparison.Ordinal)), $"No '{expected}' among:{Environment.NewLine}{seenLines}");
        }

        Assert.All(agentProcesses, p => Assert.True(p.Uids.All(u => u == AgentUserHost.User.Uid), $"{p.CommandLine} ran as {string.Join('/', p.Uids)}"));

        // None holds a credential variable, the listener included (it signs in with the agent's own key); registration
        // alone (config.sh and what it starts: env.sh's tools, the listener's configure) gets its token, in
        // VSTS_AGENT_INPUT_TOKEN.
        var registration = agentProcesses.Where(p => p.CommandLine.Contains("config.sh", StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
        while (agentProcesses.Where(p => registration.Contains(p.ParentId)).Select(p => p.Id).Where(registration.Add).Any())
        {
        }

        foreach (var process in agentProcesses)
        {
            var held = process.EnvironmentNames.Where(CredentialVariables.IsWithheld).ToList();
            Assert.True(held.Count == 0 || (registration.Contains(process.Id) && held.All(n => n.StartsWith("VSTS_AGENT_INPUT_", StringComparison.Ordinal))),
                $"{process.CommandLine} holds {string.Join(", ", held)}");
        }

        // What the runner starts is root's and no one else may change it; the agent writes only its own.
        foreach (var path in new[] { "config.sh", "run.sh", "env.sh", "bin", "bin/Agent.Listener.dll" })
        {
            Assert.True(owners[path] is { Uid: 0, WritableByOthers: false }, $"{path}: {owners[path]}");
        }

        Assert.True(owners[""] is { Uid: 0 } directory && directory.Mode.HasFlag(UnixFileMode.StickyBit) && directory.Gid == AgentUserHost.User.Gid, $"agent directory: {owners[""]}");
        Assert.Equal(AgentUserHost.User.Uid, owners["_diag"]?.Uid);
        Assert.Equal(AgentUserHost.User.Uid, owners[".agent"]?.Uid);

        // The listener signs in with its own OAuth client: config.sh, as the agent's user, wrote the client (no secret,
        // the agent's default mode, as the real agent's) and its key (0600), and the runner's ownership rules leave them so.
        Assert.True(owners[".credentials"] is { WritableByOthers: false } client && client.Uid == AgentUserHost.User.Uid, $".credentials: {owners[".credentials"]}");
        Assert.True(owners[".credentials_rsaparams"] is { Mode: UnixFileMode.UserRead | UnixFileMode.UserWrite } key && key.Uid == AgentUserHost.User.Uid,
            $".credentials_rsaparams: {owners[".credentials_rsaparams"]}");

        // The runner's environment and memory are closed to the agent's user.
        Assert.NotEqual(0, runnerEnvironment.ExitCode);
        Assert.Contains("Permission denied", runnerEnvironment.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, runnerMemory.ExitCode);
        Assert.Contains("Permission denied", runnerMemory.Error, StringComparison.Ordinal);
    }

    [AgentUserFact]
    public async Task RunnerIsNonDumpableSoEvenItsOwnUserCannotReadItsEnvironment()
    {
        // The runner as nobody, not root: it cannot switch users, says so, and runs the agent as nobody too.
        var environment = EnvironmentFor("agent-own-user");
        AgentUserHost.GiveToUser(Path.GetDirectoryName(environment["AZP_AGENT_DIR"])!);
        AgentUserHost.GiveToUser(Path.GetDirectoryName(environment["AZP_WORK"])!);
        await using var runner = RunnerProcess.Start(environment, AgentUserHost.Launcher);
        await runner.WaitForLineAsync("Running ", TimeSpan.FromSeconds(60));
        var listener = await WaitForAsync(() => ProcessSnapshot.DescendantsOf(runner.Id).FirstOrDefault(p => p.CommandLine.Contains("Agent.Listener.dll run", StringComparison.Ordinal)));

        var runnerStatus = ProcessSnapshot.Read(runner.Id);
        var environOwner = FileOwner.Of($"/proc/{runner.Id}/environ");
        var runnerEnvironment = await AgentUserHost.RunAsync("cat", [$"/proc/{runner.Id}/environ"]);
        var listenerEnvironment = await AgentUserHost.RunAsync("cat", [$"/proc/{listener.Id}/environ"]);
        runner.Signal("TERM");
        var exitCode = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == (int)RunnerExitCode.Terminated, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains("The runner is not root", StringComparison.Ordinal));
        Assert.Equal([AgentUserHost.User.Uid, AgentUserHost.User.Uid, AgentUserHost.User.Uid], runnerStatus?.Uids);
        Assert.Equal(0u, environOwner?.Uid); // The kernel gives a non-dumpable process's /proc entries to root.
        Assert.NotEqual(0, runnerEnvironment.ExitCode);
        Assert.Contains("Permission denied", runnerEnvironment.Error, StringComparison.Ordinal);

        // The control: the same user reads its dumpable listener's environment.
        Assert.True(listenerEnvironment.ExitCode == 0, listenerEnvironment.Error);
    }

    [AgentUserFact]
    public async Task AgentUserSetWhileTheRunnerIsNotRootIsAStartupError()
    {
        var environment = EnvironmentFor("agent-not-root");
        environment["AZP_AGENT_USER"] = AgentUserHost.UserName;

        await using var runner = RunnerProcess.Start(environment, AgentUserHost.Launcher);
        var exitCode = await runner.WaitForExitAsync(RunnerTimeout);

        Assert.True(exitCode == (int)RunnerExitCode.InvalidSettings, runner.Output);
        Assert.Contains(runner.Lines, l => l.Contains("AZP_AGENT_USER=nobody needs the runner to start as root", StringComparison.Ordinal));
        Assert.Empty(await Emulator.GetAgentsAsync());
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(50);
        }
    }
}
