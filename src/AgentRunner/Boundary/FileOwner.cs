using System.Runtime.InteropServices;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>A file's owner and mode, and changing its owner: .NET reads and sets modes but not owners.</summary>
/// <param name="Uid">The owning user.</param>
/// <param name="Gid">The owning group.</param>
/// <param name="Mode">Permission bits, set-id and sticky bits (<c>st_mode &amp; 07777</c>).</param>
internal readonly partial record struct FileOwner(uint Uid, uint Gid, UnixFileMode Mode)
{
    /// <summary>Whether a user other than the owner and root may change the file (group or other write).</summary>
    public bool WritableByOthers => (Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    /// <summary>
    /// The owner of <paramref name="path"/>, of a symbolic link itself unless <paramref name="followLinks"/>;
    /// <see langword="null"/> when it does not exist. statx's buffer has one layout on every architecture, unlike stat's.
    /// </summary>
    public static unsafe FileOwner? Of(string path, bool followLinks = false)
    {
        var buffer = stackalloc byte[StatxSize];
        if (statx(AT_FDCWD, path, followLinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is ENOENT or ENOTDIR ? null : throw new IOException($"Cannot read the owner of '{path}' (errno {error}).");
        }

        var uid = *(uint*)(buffer + 20);
        var gid = *(uint*)(buffer + 24);
        var mode = *(ushort*)(buffer + 28);
        return new FileOwner(uid, gid, (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>Gives <paramref name="path"/> itself (not a link's target) to <paramref name="uid"/>:<paramref name="gid"/>.</summary>
    public static void Change(string path, uint uid, uint gid)
    {
        if (lchown(path, uid, gid) != 0)
        {
            throw new IOException($"Cannot give '{path}' to {uid}:{gid} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    private const int AT_FDCWD = -100;
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_BASIC_STATS = 0x7FF;
    private const int StatxSize = 256;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lchown(string path, uint uid, uint gid);
}
