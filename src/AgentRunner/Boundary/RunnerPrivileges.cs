using System.Runtime.InteropServices;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>What the runner's own process may do, and keeping others out of its memory.</summary>
internal static partial class RunnerPrivileges
{
    private const int PR_GET_DUMPABLE = 3;
    private const int PR_SET_DUMPABLE = 4;

    /// <summary>Whether the runner runs as root and so can start the agent as another user.</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>The runner's effective user id.</summary>
    public static uint EffectiveUserId => geteuid();

    /// <summary>
    /// Makes the runner non-dumpable: the kernel then refuses every other process, of any user but root with
    /// CAP_SYS_PTRACE, /proc/&lt;pid&gt;/environ, mem, maps and fd, ptrace and process_vm_readv, and writes no core
    /// dump. The runner's environment holds the identity header and its memory the tokens; a process of the same
    /// user (the runner not being root, e.g. under <c>dotnet run</c>) could otherwise read both. Children get
    /// their own dumpability back at exec, so the agent is unaffected.
    /// </summary>
    /// <returns>Whether the runner is non-dumpable now.</returns>
    public static bool MakeNonDumpable() =>
        OperatingSystem.IsLinux() && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && IsNonDumpable;

    /// <summary>Whether the runner is non-dumpable now.</summary>
    public static bool IsNonDumpable => OperatingSystem.IsLinux() && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
