using System.Diagnostics;
using System.Runtime.InteropServices;
using AspireAgents.AgentRunner.Boundary;

namespace AspireAgents.AgentRunner.Processes;

/// <summary>
/// Runs an agent script as the leader of its own process group, streams its output line by line, forwards
/// SIGTERM/SIGINT to the whole group and, when the group does not stop in time, kills it.
/// </summary>
internal sealed class AgentProcessSupervisor(TimeProvider time)
{
    /// <summary>
    /// Variables no agent script of the runner's own user inherits: the runner's own secrets. A script run as the
    /// agent's user inherits none of <see cref="CredentialVariables"/>.
    /// </summary>
    internal static readonly string[] WithheldVariables = [EnvironmentNames.Token, EnvironmentNames.TokenFile];

    /// <summary>
    /// Variables the agent must not publish as capabilities (it publishes the environment it sees): the
    /// runner's secrets and the managed-identity endpoint's anti-forgery header.
    /// </summary>
    internal const string IgnoredCapabilities = "AZP_TOKEN,AZP_TOKEN_FILE,IDENTITY_HEADER,MSI_SECRET,VSO_AGENT_IGNORE";

    private static readonly TimeSpan GroupPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LeftoverGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="command"/> to its end. When <paramref name="stop"/> completes, its signal is forwarded to
    /// the script's group; a group still alive <paramref name="stopTimeout"/> later is killed.
    /// </summary>
    /// <param name="command">What to run.</param>
    /// <param name="stop">Completes with the signal to forward (the runner's own SIGTERM/SIGINT).</param>
    /// <param name="stopTimeout">How long the group has to stop after the forwarded signal.</param>
    /// <param name="output">Receives each line of standard output (false) and standard error (true).</param>
    /// <param name="cancellationToken">Kills the group at once (a timeout).</param>
    public async Task<AgentProcessResult> RunAsync(
        AgentCommand command,
        Task<PosixSignal> stop,
        TimeSpan stopTimeout,
        Action<string, bool> output,
        CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = CreateStartInfo(command) };
        process.Start();
        var groupId = process.Id;

        // Unattended: whatever reads standard input gets end-of-file instead of waiting for a person.
        process.StandardInput.Close();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, line => output(line, false)),
            PumpAsync(process.StandardError, line => output(line, true)));
        var exited = process.WaitForExitAsync(CancellationToken.None);

        PosixSignal? forwarded = null;
        var killed = false;
        using (cancellationToken.Register(() => killed |= KillGroup(process, groupId)))
        {
            await Task.WhenAny(exited, stop).ConfigureAwait(false);
            if (!exited.IsCompleted)
            {
                forwarded = await stop.ConfigureAwait(false);
                if (!ProcessGroup.Signal(groupId, forwarded.Value))
                {
                    // The script has not become a group leader yet (or is gone): signal it alone.
                    SignalProcess(process, forwarded.Value);
                }
            }

            // The script may end before the processes it started (the listener outlives a signalled run.sh):
            // the run is over when the whole group is.
            var budget = forwarded is null ? Timeout.InfiniteTimeSpan : stopTimeout;
            if (!await WaitForGroupAsync(exited, groupId, budget).ConfigureAwait(false))
            {
                killed |= KillGroup(process, groupId);
            }

            await exited.ConfigureAwait(false);
        }

        // Output is complete once every holder of the pipes is gone; a stray daemon cannot hold the runner.
        await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(1), time)).ConfigureAwait(false);
        return new AgentProcessResult(process.ExitCode, forwarded, killed);
    }

    /// <summary>
    /// The start info: the script under <c>setsid</c> (and <c>setpriv</c> when it runs as the agent's user), its
    /// environment without the runner's secrets.
    /// </summary>
    internal static ProcessStartInfo CreateStartInfo(AgentCommand command)
    {
        var startInfo = new ProcessStartInfo
        {
            // setsid makes the script the leader of a new session and process group (it execs, as setpriv does,
            // so the script keeps the pid the runner sees), detached from the runner's terminal.
            FileName = "setsid",
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.SwitchTo?.Prefix() ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add(command.Script);
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (command.SwitchTo is { User: var user })
        {
            foreach (var name in startInfo.Environment.Keys.Where(CredentialVariables.IsWithheld).ToList())
            {
                startInfo.Environment.Remove(name);
            }

            // What a login as the agent's user would set; root's home is no place for the agent.
            startInfo.Environment["HOME"] = user.Home;
            startInfo.Environment["USER"] = user.Name;
            startInfo.Environment["LOGNAME"] = user.Name;
            startInfo.Environment["SHELL"] = user.Shell;
        }
        else
        {
            foreach (var name in WithheldVariables)
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment.TryGetValue("VSO_AGENT_IGNORE", out var ignored);
        startInfo.Environment["VSO_AGENT_IGNORE"] = string.IsNullOrEmpty(ignored) ? IgnoredCapabilities : $"{ignored},{IgnoredCapabilities}";
        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private async Task<bool> WaitForGroupAsync(Task exited, int groupId, TimeSpan budget)
    {
        if (budget == Timeout.InfiniteTimeSpan)
        {
            await exited.ConfigureAwait(false);
        }
        else if (await Task.WhenAny(exited, Task.Delay(budget, time)).ConfigureAwait(false) != exited)
        {
            return false;
        }

        // What the script left behind gets a grace period, then is killed.
        var deadline = time.GetUtcNow() + (budget == Timeout.InfiniteTimeSpan ? LeftoverGrace : budget);
        while (ProcessGroup.Exists(groupId))
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(GroupPollInterval, time).ConfigureAwait(false);
        }

        return true;
    }

    private static bool KillGroup(Process process, int groupId)
    {
        if (ProcessGroup.Kill(groupId))
        {
            return true;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void SignalProcess(Process process, PosixSignal signal)
    {
        if (!process.HasExited)
        {
            ProcessGroup.SignalProcess(process.Id, signal);
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }
}
