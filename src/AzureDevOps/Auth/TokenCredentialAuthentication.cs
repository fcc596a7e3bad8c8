using System.Net.Http.Headers;
using AspireAgents.AzureDevOps.Client;
using Azure.Core;

namespace AspireAgents.AzureDevOps.Auth;

/// <summary>
/// Entra ID bearer tokens for Azure DevOps from an Azure.Identity <see cref="TokenCredential"/> (managed identity,
/// workload identity, Azure CLI…). The token is cached and refreshed before it expires: at the credential's
/// <see cref="AccessToken.RefreshOn"/>, and no later than <see cref="RefreshMargin"/> (at most half the
/// token's lifetime) before <see cref="AccessToken.ExpiresOn"/>. A refused token is dropped at once.
/// </summary>
public sealed class TokenCredentialAuthentication : AzureDevOpsAuthentication
{
    /// <summary>The Azure DevOps application id with <c>/.default</c>: the scope every token is requested for.</summary>
    public const string AzureDevOpsScope = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    private static readonly TokenRequestContext s_context = new([AzureDevOpsScope]);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile CachedToken? _cached;

    /// <summary>Creates the authentication.</summary>
    /// <param name="credential">Where tokens come from, e.g. <c>ManagedIdentityCredential</c>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="refreshMargin">How long before expiry to refresh; 5 minutes by default.</param>
    public TokenCredentialAuthentication(TokenCredential credential, TimeProvider? timeProvider = null, TimeSpan? refreshMargin = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _timeProvider = timeProvider ?? TimeProvider.System;
        RefreshMargin = refreshMargin ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>How long before expiry a cached token is replaced (capped at half its lifetime).</summary>
    public TimeSpan RefreshMargin { get; }

    /// <inheritdoc />
    public override string Description => _credential.GetType().Name;

    /// <inheritdoc />
    public override async ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is not null && _timeProvider.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Header;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            var now = _timeProvider.GetUtcNow();
            if (cached is not null && now < cached.RefreshAt)
            {
                return cached.Header;
            }

            AccessToken token;
            try
            {
                token = await _credential.GetTokenAsync(s_context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A token that has not yet expired still works while the identity endpoint has a bad moment.
                if (cached is not null && now < cached.ExpiresOn)
                {
                    return cached.Header;
                }

                throw new AzureDevOpsAuthenticationException(
                    $"Could not get an Azure DevOps token ({AzureDevOpsScope}) from {Description}: {ex.Message}", innerException: ex);
            }

            _cached = cached = CachedToken.From(token, now, RefreshMargin);
            return cached.Header;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <inheritdoc />
    public override bool Invalidate(AuthenticationHeaderValue rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var cached = _cached;
        if (cached is not null && cached.Header.Parameter == rejected.Parameter)
        {
            _cached = null;
        }

        return true;
    }

    private sealed record CachedToken(AuthenticationHeaderValue Header, DateTimeOffset RefreshAt, DateTimeOffset ExpiresOn)
    {
        public static CachedToken From(AccessToken token, DateTimeOffset now, TimeSpan refreshMargin)
        {
            var lifetime = token.ExpiresOn - now;
            var margin = lifetime > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(refreshMargin.Ticks, lifetime.Ticks / 2)) : TimeSpan.Zero;
            var refreshAt = token.ExpiresOn - margin;
            if (token.RefreshOn is { } refreshOn && refreshOn < refreshAt)
            {
                refreshAt = refreshOn;
            }

            return new CachedToken(new AuthenticationHeaderValue("Bearer", token.Token), refreshAt, token.ExpiresOn);
        }
    }
}
