using System.Runtime.Versioning;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>
/// <c>AZP_AGENT_SUDO</c>: a sudoers drop-in that lets the agent's user run anything as root without a password,
/// written at start because the user is only known then. It gives the boundary up: a step that is root reads the
/// runner's environment and memory like any root process.
/// </summary>
internal static class SudoersDropIn
{
    /// <summary>Where the drop-in goes. sudo skips drop-ins whose name holds a '.', so it has none.</summary>
    public const string Path = "/etc/sudoers.d/azp-agent";

    /// <summary>Where sudo is expected.</summary>
    public const string Sudo = "/usr/bin/sudo";

    /// <summary>Writes the drop-in for <paramref name="user"/>: root's, read-only, as sudo requires.</summary>
    [UnsupportedOSPlatform("windows")]
    public static void Write(AgentUser user)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var staging = Path + "~"; // sudo also skips names ending in '~': a half-written file is never read.
        File.WriteAllText(staging, $"{user.Name} ALL=(ALL:ALL) NOPASSWD: ALL\n");
        FileOwner.Change(staging, 0, 0);
        File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        File.Move(staging, Path, overwrite: true);
    }
}
