namespace AspireAgents.AgentRunner.Packages;

/// <summary>The agent package cannot be used; the message says why.</summary>
internal sealed class AgentPackageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentPackageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AgentPackageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
