namespace AspireAgents.AgentRunner;

/// <summary>
/// Which credential registers and removes the agent: the execution's managed identity, or a token from the
/// environment where no managed identity exists.
/// </summary>
internal sealed class RegistrationCredential
{
    private RegistrationCredential(string? token, string? source, string? managedIdentityClientId)
    {
        Token = token;
        Source = source;
        ManagedIdentityClientId = managedIdentityClientId;
    }

    /// <summary>The token from the environment; <see langword="null"/> for managed identity.</summary>
    public string? Token { get; }

    /// <summary>The variable the token came from, for messages.</summary>
    public string? Source { get; }

    /// <summary>A user-assigned identity's client id; <see langword="null"/> for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; }

    /// <summary>Whether the managed identity is used.</summary>
    public bool IsManagedIdentity => Token is null;

    /// <summary>A token given in the environment.</summary>
    public static RegistrationCredential FromToken(string token, string source) => new(token, source, null);

    /// <summary>The managed identity, user-assigned when <paramref name="clientId"/> is set.</summary>
    public static RegistrationCredential FromManagedIdentity(string? clientId) => new(null, null, clientId);

    /// <summary>Describes the credential without its secret.</summary>
    public override string ToString() => IsManagedIdentity
        ? ManagedIdentityClientId is null ? "managed identity (system-assigned)" : $"managed identity (client id {ManagedIdentityClientId})"
        : $"token from {Source}";
}
