using System.Globalization;

namespace AspireAgents.TestSupport;

/// <summary>One process as /proc shows it to root: its users, command line and the names in its environment.</summary>
public sealed record ProcessSnapshot(int Id, int ParentId, IReadOnlyList<uint> Uids, string CommandLine, IReadOnlySet<string> EnvironmentNames)
{
    /// <summary>Every living process below <paramref name="ancestor"/>, read now: parents from stat, the rest for those alone.</summary>
    public static List<ProcessSnapshot> DescendantsOf(int ancestor)
    {
        var parentOf = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(directory) is { } parent)
            {
                parentOf[pid] = parent;
            }
        }

        var below = new HashSet<int> { ancestor };
        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parentOf)
            {
                added |= below.Contains(parent) && below.Add(pid);
            }
        }
        while (added);

        below.Remove(ancestor);
        return [.. below.Select(Read).OfType<ProcessSnapshot>()];
    }

    private static int? ParentOf(string directory)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The process <paramref name="pid"/>, or <see langword="null"/> when it is gone.</summary>
    public static ProcessSnapshot? Read(int pid)
    {
        try
        {
            // The command line first: a process that switches users and then execs (setpriv) could otherwise be read
            // with the users from before the switch and the command line from after the exec.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            var status = File.ReadAllLines($"/proc/{pid}/status");
            var parent = int.Parse(Field(status, "PPid:")[0], CultureInfo.InvariantCulture);
            var uids = Field(status, "Uid:").Take(3).Select(u => uint.Parse(u, CultureInfo.InvariantCulture)).ToList();
            var names = File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)[0]).ToHashSet(StringComparer.Ordinal);
            return new ProcessSnapshot(pid, parent, uids, commandLine, names);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // Gone while we looked.
        }
    }

    private static string[] Field(string[] status, string name) =>
        status.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Split('\t', StringSplitOptions.RemoveEmptyEntries);
}
