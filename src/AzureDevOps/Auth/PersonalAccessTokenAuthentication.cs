using System.Net.Http.Headers;
using System.Text;

namespace AspireAgents.AzureDevOps.Auth;

/// <summary>
/// A personal access token sent as HTTP Basic with an empty user name, as Azure DevOps documents. A trailing
/// newline (common in mounted secrets) is trimmed. The token never appears in its <c>ToString()</c>.
/// </summary>
public sealed class PersonalAccessTokenAuthentication : AzureDevOpsAuthentication
{
    private readonly AuthenticationHeaderValue _header;

    /// <summary>Creates the authentication.</summary>
    /// <param name="personalAccessToken">The PAT; needs the Agent Pools (read) scope to read queues, (read, manage) to register agents.</param>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public PersonalAccessTokenAuthentication(string personalAccessToken)
    {
        ArgumentNullException.ThrowIfNull(personalAccessToken);
        var token = personalAccessToken.Trim();
        if (token.Length == 0)
        {
            throw new ArgumentException("The personal access token is empty.", nameof(personalAccessToken));
        }

        _header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + token)));
    }

    /// <inheritdoc />
    public override string Description => "personal access token";

    /// <inheritdoc />
    public override ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_header);

    /// <summary>A PAT does not change: sending it again cannot succeed, so no retry is made.</summary>
    /// <param name="rejected">The refused header.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public override bool Invalidate(AuthenticationHeaderValue rejected) => false;
}
