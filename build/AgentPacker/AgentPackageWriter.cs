using System.Formats.Tar;
using System.IO.Compression;

namespace AspireAgents.AgentPacker;

/// <summary>
/// Writes an agent layout as a reproducible <c>.tar.gz</c>: the same files give the same archive whatever the
/// host OS, its file modes, owners and timestamps. Entries are sorted by name (ordinal), carry
/// <see cref="EntryTime"/>, uid/gid 0 and no user or group names; <c>*.sh</c> scripts and directories are
/// 0755, every other file 0644.
/// </summary>
/// <remarks>
/// The tar stream is fully determined by the layout. The gzip bytes are only as stable as the zlib behind
/// <see cref="GZipStream"/>: the same .NET runtime on the same OS gives the same bytes, another runtime or OS
/// may compress (or stamp the gzip header) differently. Tests can therefore check determinism on one machine.
/// </remarks>
public static class AgentPackageWriter
{
    /// <summary>The modification time of every entry: 2000-01-01 UTC, so checkouts and rebuilds do not change the archive.</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>rwxr-xr-x: scripts (the runner starts config.sh and run.sh directly) and directories.</summary>
    public const UnixFileMode ExecutableMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>rw-r--r--: every other file, including the listener's assemblies (started with <c>dotnet</c>).</summary>
    public const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite |
        UnixFileMode.GroupRead |
        UnixFileMode.OtherRead;

    /// <summary>Writes the archive of <paramref name="layoutDirectory"/> to <paramref name="destination"/> (left open).</summary>
    public static void Write(string layoutDirectory, Stream destination)
    {
        var root = Path.GetFullPath(layoutDirectory);
        // Sorted here rather than as the file system lists them: listing order differs between file systems.
        var entries = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: EntryName(root, path)))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();

        using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var (path, name) in entries)
        {
            var isDirectory = name.EndsWith('/');
            // GNU format, as GNU tar writes by default: long names go in ././@LongLink entries, and the
            // atime/ctime fields stay empty unless set.
            var entry = new GnuTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, name)
            {
                Mode = isDirectory || name.EndsWith(".sh", StringComparison.Ordinal) ? ExecutableMode : FileMode,
                ModificationTime = EntryTime,
                Uid = 0,
                Gid = 0,
                UserName = string.Empty,
                GroupName = string.Empty,
            };

            if (isDirectory)
            {
                tar.WriteEntry(entry);
                continue;
            }

            using var data = File.OpenRead(path);
            entry.DataStream = data;
            tar.WriteEntry(entry);
        }
    }

    /// <summary>
    /// Writes the archive of <paramref name="layoutDirectory"/> to <paramref name="archivePath"/>, replacing it
    /// only once complete: a failed pack leaves no truncated archive that MSBuild would take as up to date.
    /// </summary>
    public static void Write(string layoutDirectory, string archivePath)
    {
        var full = Path.GetFullPath(archivePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        try
        {
            using (var file = File.Create(partial))
            {
                Write(layoutDirectory, file);
            }

            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The entry name: relative, '/'-separated on every OS, directories ending in '/'.</summary>
    private static string EntryName(string root, string path)
    {
        var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        return Directory.Exists(path) ? name + "/" : name;
    }
}
