using System.Globalization;
using System.Runtime.InteropServices;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>The user the agent runs as: its passwd entry.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Uid">The user id.</param>
/// <param name="Gid">The primary group id.</param>
/// <param name="Home">The home directory (the agent's <c>HOME</c>).</param>
/// <param name="Shell">The login shell (the agent's <c>SHELL</c>).</param>
internal sealed partial record AgentUser(string Name, uint Uid, uint Gid, string Home, string Shell)
{
    /// <summary>
    /// The passwd entry of <paramref name="nameOrId"/> (a name, or a numeric id), through the C library, so that
    /// whatever the image's name service is (files, or LDAP/SSSD) answers; <see langword="null"/> when none.
    /// </summary>
    public static unsafe AgentUser? Find(string nameOrId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        var isId = uint.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id);
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            fixed (byte* memory = buffer)
            {
                Passwd entry;
                nint result;
                var error = isId
                    ? getpwuid_r(id, &entry, memory, (nuint)size, &result)
                    : getpwnam_r(nameOrId, &entry, memory, (nuint)size, &result);
                if (error == ERANGE)
                {
                    continue;
                }

                if (error != 0 || result == 0)
                {
                    return null;
                }

                return new AgentUser(
                    Marshal.PtrToStringUTF8(entry.Name) ?? nameOrId,
                    entry.Uid,
                    entry.Gid,
                    Marshal.PtrToStringUTF8(entry.Directory) ?? "/",
                    Marshal.PtrToStringUTF8(entry.Shell) ?? "/bin/sh");
            }
        }

        return null;
    }

    /// <summary>How the user is shown in logs.</summary>
    public override string ToString() => $"{Name} (uid {Uid}, gid {Gid})";

    private const int ERANGE = 34;

    /// <summary>glibc's and musl's <c>struct passwd</c>: the same field order on every Linux architecture.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Directory;
        public nint Shell;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int getpwnam_r(string name, Passwd* entry, byte* buffer, nuint size, nint* result);

    [LibraryImport("libc")]
    private static unsafe partial int getpwuid_r(uint uid, Passwd* entry, byte* buffer, nuint size, nint* result);
}
