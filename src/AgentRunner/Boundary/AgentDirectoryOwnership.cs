using System.Runtime.Versioning;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>
/// Gives the agent's files their owners before anything runs as the agent's user: what the runner runs (the
/// scripts, <c>bin/</c>, the rest of the package) belongs to root and only root may change it; the folders the agent
/// writes belong to the agent's user.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class AgentDirectoryOwnership
{
    /// <summary>The permissions of the agent's directory: root's, with the agent's group writing (see <see cref="Prepare"/>).</summary>
    public const UnixFileMode AgentDirectoryMode =
        UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Prepares <paramref name="agentDirectory"/> for <paramref name="user"/>:
    /// <list type="bullet">
    /// <item>Every entry the package brought (everything present before registration but hidden files, recursively)
    /// becomes root's, without group or other write.</item>
    /// <item>The directory itself stays root's, writable by the agent's group and sticky: the agent creates its
    /// registration files in it (<c>.agent</c>, <c>.credentials</c>, <c>.credentials_rsaparams</c>, <c>.env</c>,
    /// <c>.path</c>), which the real agent refuses to find already there, yet cannot rename, delete or replace an
    /// entry it does not own, such as <c>config.sh</c>.</item>
    /// <item><c>_diag</c> and the work folder are created if missing and given to the agent's user.</item>
    /// </list>
    /// </summary>
    /// <returns>How many package entries had to be taken back from another owner or made read-only to others.</returns>
    public static int Prepare(string agentDirectory, string? workFolder, AgentUser user)
    {
        var agentOwned = new[] { Path.Combine(agentDirectory, "_diag"), ResolveWork(agentDirectory, workFolder) };
        var fixedCount = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(agentDirectory))
        {
            if (Path.GetFileName(entry).StartsWith('.') || agentOwned.Contains(entry, StringComparer.Ordinal))
            {
                continue;
            }

            fixedCount += TakeForRoot(entry);
            if (IsRealDirectory(entry))
            {
                foreach (var nested in Directory.EnumerateFileSystemEntries(entry, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
                {
                    fixedCount += TakeForRoot(nested);
                }
            }
        }

        FileOwner.Change(agentDirectory, 0, user.Gid);
        File.SetUnixFileMode(agentDirectory, AgentDirectoryMode);
        foreach (var directory in agentOwned)
        {
            Directory.CreateDirectory(directory);
            FileOwner.Change(directory, user.Uid, user.Gid);
            File.SetUnixFileMode(directory, OwnerDirectoryMode);
        }

        return fixedCount;
    }

    private static string ResolveWork(string agentDirectory, string? workFolder) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(workFolder ?? "_work", agentDirectory));

    private static bool IsRealDirectory(string path) =>
        new DirectoryInfo(path) is { Exists: true, LinkTarget: null };

    /// <summary>Makes <paramref name="path"/> root's and read-only to others; 1 when it was not.</summary>
    private static int TakeForRoot(string path)
    {
        if (FileOwner.Of(path) is not { } owner || (owner.Uid == 0 && owner.Gid == 0 && !owner.WritableByOthers))
        {
            return 0;
        }

        FileOwner.Change(path, 0, 0);
        if (new FileInfo(path).LinkTarget is null)
        {
            File.SetUnixFileMode(path, owner.Mode & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }

        return 1;
    }
}
