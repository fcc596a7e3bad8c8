namespace AspireAgents.AgentRunner.DevOps;

/// <summary>An Azure DevOps call of the runner failed; <see cref="IsAuthentication"/> when the credential was refused.</summary>
internal sealed class AgentPoolApiException(string message, bool isAuthentication, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Azure DevOps refused the credential (401, 203 sign-in page): the identity is unknown to the organisation.</summary>
    public bool IsAuthentication { get; } = isAuthentication;
}
