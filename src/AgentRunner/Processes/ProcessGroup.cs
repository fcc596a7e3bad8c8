using System.Runtime.InteropServices;

namespace AspireAgents.AgentRunner.Processes;

/// <summary>
/// Signals a whole process group. The agent's <c>run.sh</c> starts the listener as a child without
/// <c>exec</c>, so a signal sent to the script alone would stop the script and orphan the listener: the runner
/// starts each agent script as the leader of its own group and signals the group.
/// </summary>
internal static partial class ProcessGroup
{
    private const int ESRCH = 3;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="groupId"/>; false when none is left.</summary>
    public static bool Signal(int groupId, PosixSignal signal) => kill(-groupId, ToNative(signal)) == 0;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="processId"/> alone.</summary>
    public static bool SignalProcess(int processId, PosixSignal signal) => kill(processId, ToNative(signal)) == 0;

    /// <summary>
    /// Sends <paramref name="signal"/> to process <paramref name="processId"/> and all its descendants (from
    /// <c>/proc</c>), children first found before any of them can exit and be reparented.
    /// </summary>
    public static void SignalTree(int processId, PosixSignal signal) => SignalTree(processId, ToNative(signal));

    /// <summary>Kills process <paramref name="processId"/> and all its descendants.</summary>
    public static void KillTree(int processId) => SignalTree(processId, SIGKILL);

    private static void SignalTree(int processId, int signal)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var (pid, parent, _, _) in ReadProcesses())
        {
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        var tree = new List<int> { processId };
        for (var i = 0; i < tree.Count; i++)
        {
            if (children.TryGetValue(tree[i], out var list))
            {
                tree.AddRange(list);
            }
        }

        foreach (var pid in tree)
        {
            _ = kill(pid, signal);
        }
    }

    /// <summary>Kills process <paramref name="processId"/> alone.</summary>
    public static bool KillProcess(int processId) => kill(processId, SIGKILL) == 0;

    /// <summary>Kills every process of the group.</summary>
    public static bool Kill(int groupId) => kill(-groupId, SIGKILL) == 0;

    /// <summary>
    /// Whether any living process is left in the group. Zombies do not count: an orphan's zombie lingers until
    /// init reaps it, which some inits do late. Without <c>/proc</c>, any member counts.
    /// </summary>
    public static bool Exists(int groupId)
    {
        if (kill(-groupId, 0) != 0 && Marshal.GetLastPInvokeError() == ESRCH)
        {
            return false;
        }

        return !Directory.Exists("/proc/self") || HasLivingMember(groupId);
    }

    private static bool HasLivingMember(int groupId) =>
        ReadProcesses().Any(p => p.GroupId == groupId && p.State is not ('Z' or 'X'));

    /// <summary>Every process in <c>/proc</c>: id, parent, group and state.</summary>
    private static IEnumerable<(int Id, int ParentId, int GroupId, char State)> ReadProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // The process ended while we looked.
            }

            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 4);
            if (fields.Length >= 3 && int.TryParse(fields[1], out var parent) && int.TryParse(fields[2], out var group))
            {
                yield return (pid, parent, group, fields[0][0]);
            }
        }
    }

    private const int SIGKILL = 9;

    private static int ToNative(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGHUP, SIGINT, SIGQUIT and SIGTERM are forwarded."),
    };

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
