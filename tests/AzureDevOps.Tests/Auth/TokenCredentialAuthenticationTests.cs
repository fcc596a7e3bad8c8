using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.AzureDevOps.Tests.Auth;

public class TokenCredentialAuthenticationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AsksForTheAzureDevOpsScope()
    {
        var credential = new FakeTokenCredential(_time);

        await new TokenCredentialAuthentication(credential, _time).GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal(["499b84ac-1321-427f-aa17-267ca6975798/.default"], Assert.Single(credential.Scopes));
    }

    [Fact]
    public async Task SendsTheTokenAsBearer()
    {
        var header = await new TokenCredentialAuthentication(new FakeTokenCredential(_time), _time).GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("Bearer", header.Scheme);
        Assert.Equal("token-1", header.Parameter);
    }

    [Fact]
    public async Task ReusesTheTokenWhileItIsFarFromExpiry()
    {
        var credential = new FakeTokenCredential(_time);
        var authentication = new TokenCredentialAuthentication(credential, _time);

        await authentication.GetAuthorizationAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(50));
        var header = await authentication.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("token-1", header.Parameter);
        Assert.Equal(1, credential.Issued);
    }

    [Fact]
    public async Task RefreshesTheTokenWithinTheMarginBeforeExpiry()
    {
        var credential = new FakeTokenCredential(_time);
        var authentication = new TokenCredentialAuthentication(credential, _time, TimeSpan.FromMinutes(5));

        await authentication.GetAuthorizationAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(56));
        var header = await authentication.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("token-2", header.Parameter);
    }

    [Fact]
    public async Task RefreshesAShortLivedTokenAtHalfItsLifetime()
    {
        var credential = new FakeTokenCredential(_time) { Lifetime = TimeSpan.FromMinutes(2) };
        var authentication = new TokenCredentialAuthentication(credential, _time, TimeSpan.FromMinutes(5));

        await authentication.GetAuthorizationAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("token-1", (await authentication.GetAuthorizationAsync(CancellationToken.None)).Parameter);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("token-2", (await authentication.GetAuthorizationAsync(CancellationToken.None)).Parameter);
    }

    [Fact]
    public async Task RefreshesWhenTheCredentialSaysTo()
    {
        var credential = new FakeTokenCredential(_time) { Lifetime = TimeSpan.FromHours(24), RefreshAfter = TimeSpan.FromHours(12) };
        var authentication = new TokenCredentialAuthentication(credential, _time);

        await authentication.GetAuthorizationAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        Assert.Equal("token-2", (await authentication.GetAuthorizationAsync(CancellationToken.None)).Parameter);
    }

    [Fact]
    public async Task DropsARefusedTokenSoTheNextCallGetsANewOne()
    {
        var credential = new FakeTokenCredential(_time);
        var authentication = new TokenCredentialAuthentication(credential, _time);
        var refused = await authentication.GetAuthorizationAsync(CancellationToken.None);

        Assert.True(authentication.Invalidate(refused));

        Assert.Equal("token-2", (await authentication.GetAuthorizationAsync(CancellationToken.None)).Parameter);
    }

    [Fact]
    public async Task KeepsANewerTokenWhenAnOlderOneIsReportedRefused()
    {
        var credential = new FakeTokenCredential(_time);
        var authentication = new TokenCredentialAuthentication(credential, _time);
        var old = await authentication.GetAuthorizationAsync(CancellationToken.None);
        authentication.Invalidate(old);
        await authentication.GetAuthorizationAsync(CancellationToken.None);

        authentication.Invalidate(old);

        Assert.Equal("token-2", (await authentication.GetAuthorizationAsync(CancellationToken.None)).Parameter);
    }

    [Fact]
    public async Task KeepsUsingAnUnexpiredTokenWhenTheIdentityEndpointFailsDuringRefresh()
    {
        var credential = new FakeTokenCredential(_time);
        var authentication = new TokenCredentialAuthentication(credential, _time, TimeSpan.FromMinutes(5));
        await authentication.GetAuthorizationAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(57));
        credential.Failure = new InvalidOperationException("identity endpoint down");

        Assert.Equal("token-1", (await authentication.GetAuthorizationAsync(CancellationToken.None)).Parameter);
    }

    [Fact]
    public async Task ReportsACredentialFailureAsAnAuthenticationFailureNamingTheCause()
    {
        var credential = new FakeTokenCredential(_time) { Failure = new InvalidOperationException("IDENTITY_ENDPOINT is not reachable") };
        var authentication = new TokenCredentialAuthentication(credential, _time);

        var error = await Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => authentication.GetAuthorizationAsync(CancellationToken.None).AsTask());

        Assert.Contains("IDENTITY_ENDPOINT is not reachable", error.Message, StringComparison.Ordinal);
        Assert.Contains("499b84ac-1321-427f-aa17-267ca6975798", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentCallersShareOneTokenRequest()
    {
        var credential = new FakeTokenCredential(_time);
        var authentication = new TokenCredentialAuthentication(credential, _time);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => authentication.GetAuthorizationAsync(CancellationToken.None).AsTask()));

        Assert.Equal(1, credential.Issued);
    }
}
