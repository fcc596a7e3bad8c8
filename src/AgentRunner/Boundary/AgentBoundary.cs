using AspireAgents.AgentRunner.Processes;

namespace AspireAgents.AgentRunner.Boundary;

/// <summary>
/// The line between the runner, which keeps every credential, and the agent, whose steps run whatever a pipeline
/// says. Root starts the runner; the runner starts every agent script as <c>AZP_AGENT_USER</c>, without the
/// credential variables, and makes itself non-dumpable, so no step reads its environment or memory. Without root
/// (under <c>dotnet run</c>, in tests) there is no line to draw: the agent runs as the runner's user, as it always did.
/// </summary>
internal sealed class AgentBoundary
{
    private AgentBoundary(UserSwitch? userSwitch, uint runnerUid)
    {
        Switch = userSwitch;
        RunnerUid = runnerUid;
    }

    /// <summary>How agent scripts switch to the agent's user; <see langword="null"/> when they run as the runner's.</summary>
    public UserSwitch? Switch { get; }

    /// <summary>The runner's own user id.</summary>
    public uint RunnerUid { get; }

    /// <summary>
    /// Decides the boundary from the settings and what the process is.
    /// </summary>
    /// <exception cref="RunnerSettingsException">A setting cannot be honoured; the message says why and the fix.</exception>
    public static AgentBoundary Create(
        RunnerSettings settings,
        uint runnerUid,
        Func<string, AgentUser?> findUser,
        Func<string, string?> findExecutable)
    {
        var errors = new List<string>();
        UserSwitch? userSwitch = null;
        if (settings.AgentUser is { } name)
        {
            if (runnerUid != 0)
            {
                errors.Add($"{EnvironmentNames.AgentUser}={name} needs the runner to start as root, which runs the agent as that user; it runs as uid {runnerUid}. " +
                    $"Fix: unset {EnvironmentNames.AgentUser} to run the agent as this user (steps can then reach the runner's credentials), or start the runner as root.");
            }
            else if (findUser(name) is not { } user)
            {
                errors.Add($"{EnvironmentNames.AgentUser} '{name}' is no user of this system: create it (useradd), or name an existing unprivileged user.");
            }
            else if (user.Uid == 0)
            {
                errors.Add($"{EnvironmentNames.AgentUser} '{name}' is root: steps would run as root and read every credential. Name an unprivileged user, e.g. app.");
            }
            else if (findExecutable("setpriv") is not { } setpriv)
            {
                errors.Add($"{EnvironmentNames.AgentUser} needs setpriv (util-linux) to start the agent as '{name}', and it is not on PATH: install util-linux.");
            }
            else
            {
                userSwitch = new UserSwitch(user, setpriv, settings.AgentSudo);
                CheckTokenFile(settings, user, errors);
                if (settings.AgentSudo && !File.Exists(SudoersDropIn.Sudo))
                {
                    errors.Add($"{EnvironmentNames.AgentSudo} needs sudo at {SudoersDropIn.Sudo}: install it in the image, or unset {EnvironmentNames.AgentSudo}.");
                }
            }
        }
        else if (settings.AgentSudo)
        {
            errors.Add($"{EnvironmentNames.AgentSudo} gives the agent's user sudo, but {EnvironmentNames.AgentUser} is not set: set it (the image sets app), or unset {EnvironmentNames.AgentSudo}.");
        }

        if (errors.Count > 0)
        {
            throw new RunnerSettingsException(errors);
        }

        return new AgentBoundary(userSwitch, runnerUid);
    }

    /// <summary>The first executable named <paramref name="name"/> on <c>PATH</c>.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// A token file the agent's user could read would hand every step the PAT, whatever the environment holds.
    /// The check is the file's own owner and mode, not the folders above it: stricter than the kernel, never laxer.
    /// </summary>
    private static void CheckTokenFile(RunnerSettings settings, AgentUser user, List<string> errors)
    {
        if (settings.TokenFile is not { } path || FileOwner.Of(Path.GetFullPath(path), followLinks: true) is not { } owner)
        {
            return;
        }

        var readable = owner.Uid == user.Uid
            || (owner.Gid == user.Gid && owner.Mode.HasFlag(UnixFileMode.GroupRead))
            || owner.Mode.HasFlag(UnixFileMode.OtherRead);
        if (readable)
        {
            errors.Add($"{EnvironmentNames.TokenFile} '{path}' can be read by the agent's user '{user.Name}' (owner {owner.Uid}:{owner.Gid}, mode {Convert.ToString((int)owner.Mode, 8)}): " +
                $"every pipeline step could read the token. Fix: make it root's and readable by root only (chown root:root, chmod 0400), or pass the token in {EnvironmentNames.Token}.");
        }
    }
}
