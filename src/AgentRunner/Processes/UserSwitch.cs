using AspireAgents.AgentRunner.Boundary;

namespace AspireAgents.AgentRunner.Processes;

/// <summary>
/// Start an agent script as <paramref name="User"/> instead of the runner's root, through util-linux's
/// <c>setpriv</c>.
/// </summary>
/// <remarks>
/// .NET starts processes with fork+exec and runs no code of ours in between (ProcessStartInfo.UserName is Windows
/// only), so the switch happens in a small program that execs the script: setpriv is in util-linux, part of every
/// Debian and Ubuntu base image; it sets groups, gid and then uid (setgroups/setresgid/setresuid, in the only
/// order that cannot leave root's groups behind), fails rather than runs the script when any call fails, and keeps
/// the environment the runner built. A P/Invoke wrapper would have been a second .NET process per script, or a
/// fork from a multithreaded runtime. <c>--no-new-privs</c> makes set-user-id programs (su, sudo, mount…) and file
/// capabilities inert for everything the script starts, so no step climbs back to root.
/// </remarks>
/// <param name="User">The agent's user.</param>
/// <param name="SetprivPath">Where setpriv is.</param>
/// <param name="AllowPrivilegeGain">Leave out <c>--no-new-privs</c>: only with <c>AZP_AGENT_SUDO</c>, which gives the boundary up.</param>
internal sealed record UserSwitch(AgentUser User, string SetprivPath, bool AllowPrivilegeGain)
{
    /// <summary>setpriv and its arguments, ending in <c>--</c>, to put before the script.</summary>
    public IEnumerable<string> Prefix()
    {
        yield return SetprivPath;
        yield return $"--reuid={User.Uid}";
        yield return $"--regid={User.Gid}";
        yield return "--init-groups";
        if (!AllowPrivilegeGain)
        {
            yield return "--no-new-privs";
        }

        yield return "--";
    }
}
