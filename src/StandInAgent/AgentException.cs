namespace AspireAgents.StandInAgent;

/// <summary>Ends the command with <see cref="ExitCode"/> after printing the message.</summary>
internal sealed class AgentException(string message, int exitCode) : Exception(message)
{
    /// <summary>1: terminated by an error; 2: retryable.</summary>
    public int ExitCode { get; } = exitCode;
}
