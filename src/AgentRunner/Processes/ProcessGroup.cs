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

    /// <summary>Kills every process of the group.</summary>
    public static bool Kill(int groupId) => kill(-groupId, SIGKILL) == 0;

    /// <summary>Whether any process (a zombie included) is left in the group.</summary>
    public static bool Exists(int groupId) => kill(-groupId, 0) == 0 || Marshal.GetLastPInvokeError() != ESRCH;

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
