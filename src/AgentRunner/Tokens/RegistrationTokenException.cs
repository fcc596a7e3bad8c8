namespace AspireAgents.AgentRunner.Tokens;

/// <summary>No token could be had; the message says why and what to fix.</summary>
internal sealed class RegistrationTokenException(string message, Exception inner) : Exception(message, inner);
