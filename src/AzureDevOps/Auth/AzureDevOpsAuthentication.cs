using System.Net.Http.Headers;

namespace AspireAgents.AzureDevOps.Auth;

/// <summary>
/// Produces the <c>Authorization</c> header for Azure DevOps requests. Implementations cache what they can and
/// drop it when the service refuses it (<see cref="Invalidate"/>), so a credential is never pinned for the
/// life of the process.
/// </summary>
public abstract class AzureDevOpsAuthentication
{
    /// <summary>A short description for messages and logs, never containing a secret (e.g. <c>managed identity</c>).</summary>
    public abstract string Description { get; }

    /// <summary>Returns the header to send now, fetching or refreshing a token when needed.</summary>
    /// <param name="cancellationToken">Cancels the wait for a token.</param>
    /// <exception cref="Client.AzureDevOpsAuthenticationException">No token could be obtained.</exception>
    public abstract ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Tells the authentication that the service refused <paramref name="rejected"/> (401, 203 or an HTML sign-in page).
    /// </summary>
    /// <param name="rejected">The header that was refused.</param>
    /// <returns><see langword="true"/> when a second attempt may get a different header and is worth making.</returns>
    public abstract bool Invalidate(AuthenticationHeaderValue rejected);

    /// <inheritdoc />
    public override string ToString() => Description;
}
