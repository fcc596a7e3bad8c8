using System.Net;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.AzureDevOps.Tests.Http;

public class RetryAndRateLimitTests
{
    private static readonly Uri s_otherOrganization = new("https://dev.azure.com/fabrikam");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RateLimitGate _gate;

    public RetryAndRateLimitTests()
    {
        _gate = new RateLimitGate(_time);
    }

    private AzureDevOpsClient Client(StubHandler stub, AzureDevOpsHttpOptions? options = null, Uri? organization = null)
    {
        var handler = AzureDevOpsHttpPipeline.CreateHandler(new PersonalAccessTokenAuthentication("pat"), options ?? new AzureDevOpsHttpOptions(), _gate, _time, stub);
        return new AzureDevOpsClient(new HttpClient(handler), organization ?? Fixtures.Organization);
    }

    private static HttpResponseMessage TooManyRequests(int retryAfterSeconds)
    {
        var response = StubHandler.Json("""{"message":"TF400733: The request has been blocked."}""", HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }

    [Fact]
    public async Task A429IsRetriedAfterItsRetryAfter()
    {
        var stub = new StubHandler((_, n) => n == 1 ? TooManyRequests(3) : StubHandler.Json(Fixtures.Pools), _time);
        var start = _time.GetUtcNow();

        var pools = await _time.RunAsync(Client(stub).GetPoolsAsync());

        Assert.Single(pools);
        var requests = stub.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].At - start >= TimeSpan.FromSeconds(3), $"retried after {requests[1].At - start}");
    }

    [Fact]
    public async Task A503IsRetriedWithBackoff()
    {
        var stub = new StubHandler((_, n) => n < 3 ? StubHandler.Status(HttpStatusCode.ServiceUnavailable) : StubHandler.Json(Fixtures.Pools), _time);

        var pools = await _time.RunAsync(Client(stub).GetPoolsAsync());

        Assert.Single(pools);
        var at = stub.Requests.Select(r => r.At).ToArray();
        Assert.Equal(3, at.Length);
        Assert.True(at[2] - at[1] > at[1] - at[0], "the second wait is longer than the first");
    }

    [Fact]
    public async Task RetriesStopWithinTheTimeBudgetAndReportTheRateLimit()
    {
        var stub = new StubHandler((_, _) => TooManyRequests(5), _time);
        var options = new AzureDevOpsHttpOptions { MaxAttempts = 10, MaxRetryDuration = TimeSpan.FromSeconds(12) };
        var start = _time.GetUtcNow();

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => _time.RunAsync(Client(stub, options).GetJobRequestsAsync(7)));

        Assert.Equal(AzureDevOpsFailure.RateLimited, error.Failure);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Equal(3, stub.Count);
        Assert.True(stub.Requests.Last().At - start <= TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task RetriesStopAfterTheMostAttempts()
    {
        var stub = new StubHandler((_, _) => StubHandler.Status(HttpStatusCode.BadGateway), _time);

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => _time.RunAsync(Client(stub, new AzureDevOpsHttpOptions { MaxAttempts = 3 }).GetPoolsAsync()));

        Assert.Equal(AzureDevOpsFailure.Unavailable, error.Failure);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task APostIsNotRepeatedAfterAServerError()
    {
        var stub = new StubHandler((_, _) => StubHandler.Status(HttpStatusCode.InternalServerError), _time);

        await Assert.ThrowsAsync<AzureDevOpsException>(() => _time.RunAsync(Client(stub).AddAgentAsync(7, new() { Id = 0, Name = "a" })));

        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task ARetryAfterHoldsBackOtherRequestsToTheSameOrganizationOnly()
    {
        var stub = new StubHandler((request, n) => n == 1 ? TooManyRequests(4) : StubHandler.Json(Fixtures.Pools), _time);
        var options = new AzureDevOpsHttpOptions { MaxAttempts = 1 };
        await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(stub, options).GetPoolsAsync());
        var start = _time.GetUtcNow();

        await Client(stub, options, s_otherOrganization).GetPoolsAsync();
        await _time.RunAsync(Client(stub, options).GetPoolsAsync());

        var requests = stub.Requests.ToArray();
        Assert.Equal(start, requests[1].At);
        Assert.StartsWith("https://dev.azure.com/fabrikam/", requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(requests[2].At - start >= TimeSpan.FromSeconds(3.9), $"held back {requests[2].At - start}");
    }

    [Fact]
    public async Task AnXRateLimitDelayOnASuccessSlowsTheNextRequest()
    {
        var stub = new StubHandler((_, n) =>
        {
            var response = StubHandler.Json(Fixtures.Pools);
            if (n == 1)
            {
                response.Headers.Add("X-RateLimit-Delay", "2.5");
            }

            return response;
        }, _time);
        var client = Client(stub);

        await client.GetPoolsAsync();
        var start = _time.GetUtcNow();
        await _time.RunAsync(client.GetPoolsAsync());

        Assert.True(stub.Requests.Last().At - start >= TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task AnAttemptThatGetsNoAnswerTimesOut()
    {
        var stub = new HangingHandler();
        var handler = AzureDevOpsHttpPipeline.CreateHandler(null, new AzureDevOpsHttpOptions { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(5) }, _gate, _time, stub);
        var client = new AzureDevOpsClient(new HttpClient(handler), Fixtures.Organization);

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => _time.RunAsync(client.GetPoolsAsync(), TimeSpan.FromSeconds(1)));

        Assert.Equal(AzureDevOpsFailure.Timeout, error.Failure);
    }

    [Theory]
    [InlineData("https://dev.azure.com/contoso/_apis/distributedtask/pools", "https://dev.azure.com/contoso")]
    [InlineData("https://dev.azure.com/contoso/project/_apis/pipelines", "https://dev.azure.com/contoso")]
    [InlineData("https://contoso.visualstudio.com/_apis/distributedtask/pools", "https://contoso.visualstudio.com")]
    [InlineData("http://127.0.0.1:5180/local/_apis/distributedtask/pools/1/jobrequests", "http://127.0.0.1:5180/local")]
    [InlineData("http://127.0.0.1:5180/_apis/distributedtask/pools", "http://127.0.0.1:5180")]
    public void RequestsAreGroupedByOrganization(string uri, string organization) =>
        Assert.Equal(organization, RateLimitGate.OrganizationKey(new Uri(uri)));

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
