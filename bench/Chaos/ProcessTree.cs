using System.Globalization;
using System.Runtime.InteropServices;

namespace AspireAgents.Chaos;

/// <summary>
/// A process and its descendants as Linux's <c>/proc</c> shows them: what a replica is made of (the runner, its
/// agent's <c>config.sh</c> or <c>run.sh</c> and their listener), so that it can be killed as ACA kills a replica:
/// every process of the container at once.
/// </summary>
internal sealed class ProcessTree
{
    private const int SigKill = 9;
    private const int SigStop = 19;

    private readonly Dictionary<int, int> _parents;

    private ProcessTree(Dictionary<int, int> parents) => _parents = parents;

    /// <summary>Every process's parent, now.</summary>
    public static ProcessTree Read()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        return new ProcessTree(parents);
    }

    /// <summary>The command lines of <paramref name="root"/> and every process under it.</summary>
    public IReadOnlyList<(int Pid, string CommandLine)> Under(int root)
    {
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(_parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return [.. tree.Select(pid => (pid, CommandLine(pid))).Where(p => p.Item2.Length > 0)];
    }

    /// <summary>
    /// SIGKILL to a replica: the process, its descendants and anything else running from the replica's folder (a
    /// container holds them all). Each round stops them all first, so that none reacts to another's death (a runner
    /// removing its agent, a listener finishing its job), then kills them; rounds repeat until none is left.
    /// </summary>
    /// <returns>How many processes were killed.</returns>
    public static int KillReplica(int root, string replicaName)
    {
        var folder = $"/{replicaName}/";
        var killed = new HashSet<int>();
        for (var round = 0; round < 5; round++)
        {
            var tree = Read();
            var pids = tree.Under(root).Select(p => p.Pid)
                .Concat(tree._parents.Keys.Where(pid => CommandLine(pid).Contains(folder, StringComparison.Ordinal)))
                .Where(pid => pid != Environment.ProcessId)
                .ToHashSet();
            if (pids.Count == 0)
            {
                break;
            }

            foreach (var pid in pids)
            {
                _ = Signal(pid, SigStop);
            }

            foreach (var pid in pids)
            {
                if (Signal(pid, SigKill) == 0)
                {
                    killed.Add(pid);
                }
            }
        }

        return killed.Count;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>The parent pid from <c>/proc/{pid}/stat</c>: the field after the state, which follows the last ')'.</summary>
    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
