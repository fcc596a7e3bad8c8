using System.Diagnostics;
using AspireAgents.AgentRunner.Boundary;

namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>The unprivileged user the boundary tests run the agent as, and running commands as that user.</summary>
internal static class AgentUserHost
{
    public const string UserName = "nobody";

    public static AgentUser User => AgentUser.Find(UserName) ?? throw new InvalidOperationException($"No user '{UserName}'.");

    /// <summary>Why the boundary tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? MissingPrerequisite =>
        !OperatingSystem.IsLinux() ? "The agent user boundary exists on Linux only."
        : !RunnerPrivileges.IsRoot ? "Switching the agent's user needs root: run the tests as root (CI does) to exercise it."
        : AgentUser.Find(UserName) is null ? $"There is no '{UserName}' user to run the agent as."
        : AgentBoundary.FindOnPath("setpriv") is null ? "setpriv (util-linux) is not installed."
        : null;

    /// <summary>setpriv's arguments that make what follows run as the agent user, as the runner does.</summary>
    /// <summary>What to start a program with so that it runs as the agent user (setpriv execs: the pid is the program's).</summary>
    public static string[] Launcher => ["setpriv", .. SwitchArguments];

    public static string[] SwitchArguments => [$"--reuid={User.Uid}", $"--regid={User.Gid}", "--init-groups", "--"];

    /// <summary>Runs <paramref name="program"/> as the agent user; its exit code, output and error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in SwitchArguments.Append(program).Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Gives <paramref name="path"/> to the agent user (a folder the runner, started as that user, writes).</summary>
    public static void GiveToUser(string path)
    {
        Directory.CreateDirectory(path);
        FileOwner.Change(path, User.Uid, User.Gid);
    }
}
