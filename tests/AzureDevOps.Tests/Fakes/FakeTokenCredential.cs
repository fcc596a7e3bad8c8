using Azure.Core;

namespace AspireAgents.AzureDevOps.Tests.Fakes;

/// <summary>Issues numbered tokens (<c>token-1</c>, <c>token-2</c>…) valid for <see cref="Lifetime"/> on the given clock.</summary>
internal sealed class FakeTokenCredential(TimeProvider timeProvider) : TokenCredential
{
    private int _issued;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan? RefreshAfter { get; set; }

    public Exception? Failure { get; set; }

    public int Issued => Volatile.Read(ref _issued);

    public List<string[]> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes)
        {
            Scopes.Add(requestContext.Scopes);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        var number = Interlocked.Increment(ref _issued);
        var now = timeProvider.GetUtcNow();
        return ValueTask.FromResult(new AccessToken($"token-{number}", now + Lifetime, RefreshAfter is { } after ? now + after : null, "Bearer"));
    }
}
