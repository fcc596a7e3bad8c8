using System.Globalization;

namespace AspireAgents.Chaos;

/// <summary>
/// A process and its descendants as Linux's <c>/proc</c> shows them: what a replica is made of (the runner, its
/// agent's <c>config.sh</c> or <c>run.sh</c> and their listener), so that it can be killed as ACA kills a replica.
/// </summary>
internal sealed class ProcessTree
{
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

    /// <summary>SIGKILL to the process and all its descendants at once: nothing in the replica gets to clean up.</summary>
    public static void Kill(int root)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(root);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

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
