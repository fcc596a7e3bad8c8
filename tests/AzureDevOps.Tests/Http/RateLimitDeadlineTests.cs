using System.Net;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.AzureDevOps.Tests.Http;

/// <summary>Rate limits never turn into timeouts, and no header value can break the client.</summary>
public class RateLimitDeadlineTests
{
    private const string Organization = "https://dev.azure.com/contoso";
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_start);
    private readonly RateLimitGate _gate;

    public RateLimitDeadlineTests()
    {
        _gate = new RateLimitGate(_time);
    }

    private static AzureDevOpsHttpOptions Budget(int seconds) => new() { MaxAttempts = 4, MaxRetryDuration = TimeSpan.FromSeconds(seconds) };

    private AzureDevOpsClient Client(StubHandler stub, AzureDevOpsHttpOptions options) =>
        new(new HttpClient(AzureDevOpsHttpPipeline.CreateHandler(new PersonalAccessTokenAuthentication("pat"), options, _gate, _time, stub)), Fixtures.Organization);

    private static HttpResponseMessage With(HttpResponseMessage response, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static HttpResponseMessage Throttled(params (string Name, string Value)[] headers) =>
        With(StubHandler.Json("""{"message":"TF400733: The request has been blocked."}""", HttpStatusCode.TooManyRequests), headers);

    [Fact]
    public async Task ARetryAfterBeyondTheBudgetFailsTheCallAtOnce()
    {
        var stub = new StubHandler((_, _) => Throttled(("Retry-After", "60")), _time);

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(stub, Budget(10)).GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.RateLimited, error.Failure);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Equal(1, stub.Count);
        Assert.Equal(s_start, _time.GetUtcNow());
    }

    [Fact]
    public async Task ACallThatFindsTheOrganizationHeldBackLongerThanItsBudgetFailsWithoutWaitingOrSending()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(Fixtures.JobRequests), _time);
        _gate.Block(Organization, TimeSpan.FromSeconds(45));

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(stub, Budget(10)).GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.RateLimited, error.Failure);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), error.RetryAfter);
        Assert.Contains("AzureDevOps:Http:MaxRetryDuration", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stub.Count);
        Assert.Equal(s_start, _time.GetUtcNow());
    }

    [Fact]
    public async Task AWaitWithinTheBudgetIsWaitedOut()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(Fixtures.JobRequests), _time);
        _gate.Block(Organization, TimeSpan.FromSeconds(4));

        await _time.RunAsync(Client(stub, Budget(10)).GetJobRequestsAsync(7));

        Assert.True(Assert.Single(stub.Requests).At - s_start >= TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task AWaitThatIsExtendedBeyondTheBudgetWhileWaitingStopsThen()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(Fixtures.JobRequests), _time);
        _gate.Block(Organization, TimeSpan.FromSeconds(4));
        var call = Client(stub, Budget(10)).GetJobRequestsAsync(7);
        await Task.Delay(20);
        _gate.Block(Organization, TimeSpan.FromSeconds(120));

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => _time.RunAsync(call));

        Assert.Equal(AzureDevOpsFailure.RateLimited, error.Failure);
        Assert.Equal(0, stub.Count);
        Assert.True(_time.GetUtcNow() - s_start < TimeSpan.FromSeconds(10), $"waited {_time.GetUtcNow() - s_start}");
    }

    [Theory]
    [InlineData("Retry-After", "99999999999999999999999")]
    [InlineData("Retry-After", "1e308")]
    [InlineData("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("X-RateLimit-Delay", "1e308")]
    [InlineData("X-RateLimit-Delay", "Infinity")]
    [InlineData("X-RateLimit-Delay", "922337203685477.5807")]
    [InlineData("X-RateLimit-Reset", "99999999999999999999")]
    public async Task AnAbsurdWaitIsClampedToTheMaximumNeverAnOverflow(string header, string value)
    {
        var options = Budget(10);
        options.MaxRateLimitDelay = TimeSpan.FromMinutes(2);
        var stub = new StubHandler((_, n) => n == 1 ? Throttled((header, value)) : StubHandler.Json(Fixtures.JobRequests), _time);
        var client = Client(stub, options);

        var first = await Assert.ThrowsAsync<AzureDevOpsException>(() => client.GetJobRequestsAsync(7));
        var second = await Assert.ThrowsAsync<AzureDevOpsException>(() => client.GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.RateLimited, first.Failure);
        Assert.Equal(AzureDevOpsFailure.RateLimited, second.Failure);
        Assert.Equal(TimeSpan.FromMinutes(2), _gate.RemainingDelay(Organization));
        Assert.Equal(1, stub.Count);
    }

    [Theory]
    [InlineData("Retry-After", "-5")]
    [InlineData("Retry-After", "garbage")]
    [InlineData("Retry-After", "Thu, 01 Jan 1970 00:00:00 GMT")]
    [InlineData("X-RateLimit-Delay", "NaN")]
    [InlineData("X-RateLimit-Delay", "-Infinity")]
    [InlineData("X-RateLimit-Delay", "")]
    [InlineData("X-RateLimit-Reset", "-99999999999999999999")]
    public async Task ANegativePastOrUnreadableWaitIsNoWait(string header, string value)
    {
        var stub = new StubHandler((_, n) => n == 1 ? With(StubHandler.Json(Fixtures.JobRequests), (header, value), ("X-RateLimit-Remaining", "0")) : StubHandler.Json(Fixtures.JobRequests), _time);
        var client = Client(stub, Budget(10));

        await client.GetJobRequestsAsync(7);
        await client.GetJobRequestsAsync(7);

        Assert.Equal(TimeSpan.Zero, _gate.RemainingDelay(Organization));
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void AUsedUpLimitWaitsUntilItsReset()
    {
        var response = With(StubHandler.Json("{}"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", (s_start.ToUnixTimeSeconds() + 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var notUsedUp = With(StubHandler.Json("{}"), ("X-RateLimit-Remaining", "150"), ("X-RateLimit-Reset", (s_start.ToUnixTimeSeconds() + 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(TimeSpan.FromSeconds(7), RateLimitHeaders.RequestedDelay(response, s_start));
        Assert.Null(RateLimitHeaders.RequestedDelay(notUsedUp, s_start));
    }

    [Fact]
    public void TheLongestOfTheHeadersWins()
    {
        var response = With(StubHandler.Json("{}"), ("Retry-After", "3"), ("X-RateLimit-Delay", "4.5"));

        Assert.Equal(TimeSpan.FromSeconds(4.5), RateLimitHeaders.RequestedDelay(response, s_start));
    }

    [Fact]
    public void TheGateForgetsOrganisationsWhoseWaitIsOver()
    {
        var gate = new RateLimitGate(_time);
        for (var i = 0; i < 300; i++)
        {
            gate.Block($"https://dev.azure.com/org{i}", TimeSpan.FromSeconds(1));
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        gate.Block("https://dev.azure.com/now", TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.Zero, gate.RemainingDelay("https://dev.azure.com/org0"));
        Assert.Equal(TimeSpan.FromSeconds(30), gate.RemainingDelay("https://dev.azure.com/now"));
        Assert.Equal(1, gate.HeldBackCount);
    }
}
