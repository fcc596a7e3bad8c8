using System.Formats.Tar;
using System.IO.Compression;
using AspireAgents.AgentPacker;
using AspireAgents.AgentRunner.Tests.Infrastructure;

namespace AspireAgents.AgentRunner.Tests.Packages;

/// <summary>
/// The stand-in agent package the build writes (build/AgentPacker): what the installer extracts must not depend
/// on the machine that packed it. Byte-for-byte comparisons hold on one machine only: another zlib may
/// compress the same tar differently.
/// </summary>
public sealed class StandInAgentPackageTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101; // 0755
    private const UnixFileMode Regular = (UnixFileMode)0b110_100_100;    // 0644

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TheBuiltPackageHasSortedEntriesWithFixedOwnersTimesAndModes()
    {
        var entries = Read(File.ReadAllBytes(BuiltBinaries.StandInAgentPackage));

        var names = entries.Select(e => e.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "config.sh", "run.sh", "env.sh", "bin/", "bin/Agent.Listener.dll" });
        Assert.All(entries, e =>
        {
            Assert.Equal(0, e.Uid);
            Assert.Equal(0, e.Gid);
            Assert.Equal(string.Empty, e.UserName);
            Assert.Equal(string.Empty, e.GroupName);
            Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), e.ModificationTime);
            Assert.Equal(e.Name.EndsWith(".sh", StringComparison.Ordinal) || e.IsDirectory ? Executable : Regular, e.Mode);
        });
    }

    [Fact]
    public void TheBuiltPackageIsWhatPackingTheBuiltLayoutAgainGives()
    {
        var first = Pack(BuiltBinaries.StandInAgentLayout);
        var second = Pack(BuiltBinaries.StandInAgentLayout);

        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(BuiltBinaries.StandInAgentPackage), first);
    }

    [Fact]
    public void HostModesAndTimesDoNotReachTheArchive()
    {
        var layout = _directory.Combine("layout");
        Directory.CreateDirectory(Path.Combine(layout, "bin", "runtimes"));
        File.WriteAllText(Path.Combine(layout, "run.sh"), "#!/bin/bash\n");
        File.WriteAllText(Path.Combine(layout, "bin", "Agent.Listener.dll"), "listener");
        File.WriteAllText(Path.Combine(layout, "bin", "runtimes", "native.so"), "native");
        // As a checkout or a NuGet cache might leave them: a script not executable, a library executable by all.
        File.SetUnixFileMode(Path.Combine(layout, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Path.Combine(layout, "bin", "Agent.Listener.dll"), (UnixFileMode)0b111_111_111);
        var before = Pack(layout);

        foreach (var path in Directory.EnumerateFileSystemEntries(layout, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-3));
        }

        File.SetUnixFileMode(Path.Combine(layout, "run.sh"), (UnixFileMode)0b111_000_000);
        File.SetUnixFileMode(Path.Combine(layout, "bin", "Agent.Listener.dll"), UnixFileMode.UserRead);
        var after = Pack(layout);

        Assert.Equal(before, after);
        Assert.Equal(
            [("bin/", Executable), ("bin/Agent.Listener.dll", Regular), ("bin/runtimes/", Executable), ("bin/runtimes/native.so", Regular), ("run.sh", Executable)],
            Read(after).Select(e => (e.Name, e.Mode)));
    }

    private static byte[] Pack(string layout)
    {
        using var buffer = new MemoryStream();
        AgentPackageWriter.Write(layout, buffer);
        return buffer.ToArray();
    }

    private static List<Entry> Read(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var entries = new List<Entry>();
        while (tar.GetNextEntry() is { } entry)
        {
            var posix = Assert.IsAssignableFrom<PosixTarEntry>(entry);
            entries.Add(new Entry(entry.Name, entry.EntryType == TarEntryType.Directory, entry.Mode, entry.Uid, entry.Gid, posix.UserName, posix.GroupName, entry.ModificationTime));
        }

        return entries;
    }

    private sealed record Entry(string Name, bool IsDirectory, UnixFileMode Mode, int Uid, int Gid, string UserName, string GroupName, DateTimeOffset ModificationTime);
}
