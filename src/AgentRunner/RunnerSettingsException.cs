namespace AspireAgents.AgentRunner;

/// <summary>Settings are missing or wrong; <see cref="Exception.Message"/> names each one and its fix.</summary>
internal sealed class RunnerSettingsException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>One message per wrong setting.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
