using System.Diagnostics;
using System.Globalization;
using AspireAgents.AgentRunner.Processes;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>
/// Kills every process of the agent's user. Killing the agent's process group is not enough: a step can leave it
/// (<c>setsid</c>, a double fork) and would then outlive the job, still holding the agent's key, or watch the next
/// registration on the same machine. Only agent scripts run as that user, so all of its processes are the agent's.
/// </summary>
internal static class AgentUserSweep
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Sends SIGKILL to every process of <paramref name="userSwitch"/>'s user and waits until none is left or
    /// <paramref name="timeout"/> passes.
    /// </summary>
    /// <returns>The processes still alive at the end (none, normally).</returns>
    public static async Task<IReadOnlyList<int>> KillAllAsync(UserSwitch userSwitch, TimeSpan timeout, TimeProvider time)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var left = ProcessesOf(userSwitch.User.Uid);
            if (left.Count == 0 || time.GetUtcNow() >= deadline)
            {
                return left;
            }

            await KillAsUserAsync(userSwitch).ConfigureAwait(false);

            // A process in uninterruptible sleep dies when it wakes up; the /proc scan then catches the stragglers.
            await Task.Delay(Pause, time).ConfigureAwait(false);
            foreach (var pid in ProcessesOf(userSwitch.User.Uid))
            {
                ProcessGroup.KillProcess(pid);
            }
        }
    }

    /// <summary>
    /// kill(-1, SIGKILL) as the user: the kernel signals every process the caller may signal (its user's) in one
    /// pass that forks cannot race, which a /proc scan from here could not promise against a fork loop.
    /// </summary>
    private static async Task KillAsUserAsync(UserSwitch userSwitch)
    {
        var startInfo = new ProcessStartInfo(userSwitch.SetprivPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (userSwitch with { AllowPrivilegeGain = false }).Prefix())
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The shell's own kill builtin: no procps in the image. It is not signalled itself (kill(-1) spares the caller).
        startInfo.ArgumentList.Add("/bin/sh");
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("kill -9 -1 2>/dev/null; exit 0");
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        using var process = Process.Start(startInfo)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>The living processes whose real, effective or saved user is <paramref name="uid"/>.</summary>
    public static List<int> ProcessesOf(uint uid)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] status;
            try
            {
                status = File.ReadAllLines(Path.Combine(directory, "status"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // Gone while we looked.
            }

            // "State:\tZ (zombie)": a zombie holds nothing and dies with its reaper.
            var state = status.FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
            if (state is null || state.Contains("zombie", StringComparison.Ordinal) || state.Contains("dead", StringComparison.Ordinal))
            {
                continue;
            }

            // "Uid:\treal\teffective\tsaved\tfilesystem"
            var uids = status.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
                .Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(3);
            if (uids is not null && uids.Any(u => u == uid.ToString(CultureInfo.InvariantCulture)))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
