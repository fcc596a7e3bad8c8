namespace AspireAgents.AgentRunner.Processes;

/// <summary>One invocation of an agent script.</summary>
/// <param name="Script">The script's path, e.g. <c>/azp/agent/run.sh</c>.</param>
/// <param name="Arguments">Its arguments: flags only, never a secret.</param>
/// <param name="WorkingDirectory">Where it runs.</param>
/// <param name="Environment">Variables to set (a <see langword="null"/> value removes one) on top of the runner's own.</param>
/// <param name="SwitchTo">The user to run it as; <see langword="null"/> runs it as the runner's user.</param>
internal sealed record AgentCommand(
    string Script,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    UserSwitch? SwitchTo = null)
{
    /// <summary>How the command is shown in logs: script and flags, never the environment.</summary>
    public override string ToString() => Arguments.Count == 0 ? Script : $"{Script} {string.Join(' ', Arguments)}";
}
