using System.Net;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.AzureDevOps.Tests.Auth;

/// <summary>How the pipeline reacts when Azure DevOps refuses credentials: drop the token, retry once, then report.</summary>
public class AuthenticationRetryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private (AzureDevOpsClient Client, StubHandler Stub, FakeTokenCredential Credential) CreateWithToken(Func<HttpRequestMessage, int, HttpResponseMessage> respond)
    {
        var credential = new FakeTokenCredential(_time);
        var stub = new StubHandler(respond, _time);
        var client = AzureDevOpsClient.Create(Fixtures.Organization, new TokenCredentialAuthentication(credential, _time), new AzureDevOpsHttpOptions { MaxAttempts = 1 }, _time, stub);
        return (client, stub, credential);
    }

    [Fact]
    public async Task A401DropsTheTokenAndRetriesOnceWithANewOne()
    {
        var (client, stub, _) = CreateWithToken((_, n) => n == 1 ? StubHandler.Status(HttpStatusCode.Unauthorized) : StubHandler.Json(Fixtures.Pools));

        var pools = await client.GetPoolsAsync();

        Assert.Single(pools);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], stub.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ASecond401IsReportedAsAnAuthenticationFailure()
    {
        var (client, stub, _) = CreateWithToken((_, _) => StubHandler.Status(HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => client.GetPoolsAsync());

        Assert.Equal(2, stub.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A203SignInPageDropsTheTokenAndRetriesOnce()
    {
        var (client, stub, _) = CreateWithToken((_, n) => n == 1 ? StubHandler.SignInPage() : StubHandler.Json(Fixtures.Pools));

        var pools = await client.GetPoolsAsync();

        Assert.Single(pools);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public async Task ARepeated203IsAnAuthenticationFailureThatSaysSoAndIsNeverParsed()
    {
        var (client, stub, _) = CreateWithToken((_, _) => StubHandler.SignInPage());

        var error = await Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => client.GetJobRequestsAsync(7));

        Assert.Equal(2, stub.Count);
        Assert.Equal(AzureDevOpsFailure.Authentication, error.Failure);
        Assert.Contains("203", error.Message, StringComparison.Ordinal);
        Assert.Contains("sign-in page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHtmlBodyWithStatus200IsAnAuthenticationFailure()
    {
        var (client, _, _) = CreateWithToken((_, _) => StubHandler.SignInPage(HttpStatusCode.OK));

        var error = await Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => client.GetJobRequestsAsync(7));

        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedPatIsNotSentTwice()
    {
        var stub = new StubHandler((_, _) => StubHandler.Status(HttpStatusCode.Unauthorized));
        var client = AzureDevOpsClient.Create(Fixtures.Organization, new PersonalAccessTokenAuthentication("expired"), new AzureDevOpsHttpOptions { MaxAttempts = 1 }, innerHandler: stub);

        await Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => client.GetPoolsAsync());

        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task AnExpiredTokenIsReplacedBeforeItIsSent()
    {
        var (client, stub, credential) = CreateWithToken((_, _) => StubHandler.Json(Fixtures.Pools));
        credential.Lifetime = TimeSpan.FromMinutes(10);

        await client.GetPoolsAsync();
        _time.Advance(TimeSpan.FromMinutes(9));
        await client.GetPoolsAsync();

        Assert.Equal(["Bearer token-1", "Bearer token-2"], stub.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ARequestsOwnAuthenticationOverridesThePipelineDefault()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(Fixtures.Pools));
        var pipeline = AzureDevOpsHttpPipeline.CreateHandler(new PersonalAccessTokenAuthentication("default"), null, new RateLimitGate(), innerHandler: stub);
        var client = new AzureDevOpsClient(new HttpClient(pipeline), Fixtures.Organization, new TokenCredentialAuthentication(new FakeTokenCredential(_time), _time));

        await client.GetPoolsAsync();

        Assert.Equal("Bearer token-1", Assert.Single(stub.Requests).Authorization);
    }
}
