using System.Net;
using AspireAgents.Scaler.Observer;
using AspireAgents.Scaling.ContainerApps;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Tests.Observer;

/// <summary>The executions client: the request it sends, paging, liberal reading, and the failures it names.</summary>
public class JobExecutionsClientTests
{
    private const string FirstPage = "https://management.azure.com/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.App/jobs/agents/executions?api-version=2024-03-01";

    private static ObserverOptions Options(int maxPages = 50) => new()
    {
        Enabled = true,
        JobName = "agents",
        SubscriptionId = "sub-1",
        ResourceGroup = "rg-1",
        MaxPages = maxPages,
    };

    private static (JobExecutionsClient Client, ExecutionsApiStub Api, StaticTokenCredential Credential) Create(
        Func<HttpRequestMessage, (HttpStatusCode, string)> answer, ObserverOptions? options = null)
    {
        var api = new ExecutionsApiStub(answer);
        var credential = new StaticTokenCredential();
        return (new JobExecutionsClient(new HttpClient(api), credential, Microsoft.Extensions.Options.Options.Create(options ?? Options())), api, credential);
    }

    [Fact]
    public async Task ListAsksTheJobsExecutionsWithAnArmTokenAndTheApiVersion()
    {
        var (client, api, credential) = Create(_ => (HttpStatusCode.OK, """{"value":[{"name":"agents-a1","properties":{"status":"Running","startTime":"2026-01-01T10:00:00Z"}}]}"""));

        var executions = await client.ListAsync(CancellationToken.None);

        Assert.Equal(FirstPage, api.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal("Bearer arm-token", api.Requests.Single().Authorization);
        Assert.Equal(["https://management.azure.com/.default"], credential.Scopes);
        var execution = Assert.Single(executions);
        Assert.Equal("agents-a1", execution.Name);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), execution.Properties!.StartedAt);
    }

    [Fact]
    public async Task ListFollowsNextLinkToTheLastPage()
    {
        var (client, api, _) = Create(request => request.RequestUri!.Query.Contains("skiptoken=2", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, """{"value":[{"name":"c"}]}""")
            : request.RequestUri!.Query.Contains("skiptoken=1", StringComparison.Ordinal)
                ? (HttpStatusCode.OK, $$"""{"value":[{"name":"b"}],"nextLink":"{{FirstPage}}&$skiptoken=2"}""")
                : (HttpStatusCode.OK, $$"""{"value":[{"name":"a"}],"nextLink":"{{FirstPage}}&$skiptoken=1"}"""));

        var executions = await client.ListAsync(CancellationToken.None);

        Assert.Equal(["a", "b", "c"], executions.Select(e => e.Name));
        Assert.Equal(3, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.Equal("Bearer arm-token", r.Authorization));
    }

    [Fact]
    public async Task ListRefusesANextLinkToAnotherHostWithoutSendingTheToken()
    {
        var (client, api, _) = Create(_ => (HttpStatusCode.OK, """{"value":[{"name":"a"}],"nextLink":"https://attacker.example/steal?x=1"}"""));

        var failure = await Assert.ThrowsAsync<JobExecutionsApiException>(() => client.ListAsync(CancellationToken.None));

        Assert.Contains("attacker.example", failure.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task ListStopsAfterMaxPages()
    {
        var (client, api, _) = Create(_ => (HttpStatusCode.OK, $$"""{"value":[{"name":"a"}],"nextLink":"{{FirstPage}}&$skiptoken=again"}"""), Options(maxPages: 3));

        var failure = await Assert.ThrowsAsync<JobExecutionsApiException>(() => client.ListAsync(CancellationToken.None));

        Assert.Contains("more than 3 pages", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task UnknownStatusesMissingFieldsAndOddTimesAreReadLiberally()
    {
        var (client, _, _) = Create(_ => (HttpStatusCode.OK, """
            {"value":[
              {"name":"new-state","properties":{"status":"Hibernating","startTime":"not a time"},"extra":{"x":1}},
              {"name":"no-properties"},
              {"properties":{"status":"Running"}},
              {"name":"ended-by-time","properties":{"status":"SomethingElse","endTime":"2026-01-01T10:05:00Z"}},
              {"name":"pending","properties":{"status":"processing"}}
            ],"somethingNew":true}
            """));

        var executions = await client.ListAsync(CancellationToken.None);

        Assert.Equal(["new-state", "no-properties", "ended-by-time", "pending"], executions.Select(e => e.Name));
        Assert.Null(executions[0].Properties!.StartedAt);
        // Unknown statuses count as unfinished, as KEDA counts a Job without a Complete or Failed condition; an endTime finishes.
        Assert.Equal(new AspireAgents.Scaling.ExecutionCounts(Running: 3, Pending: 1), JobExecutionStatus.Count(executions));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "the token was refused")]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationFailed", "Reader")]
    [InlineData(HttpStatusCode.NotFound, "ResourceNotFound", "no job 'agents' in resource group 'rg-1'")]
    public async Task FailuresNameTheStatusTheArmCodeAndTheLikelyCause(HttpStatusCode status, string code, string hint)
    {
        var (client, _, _) = Create(_ => (status, $$$"""{"error":{"code":"{{{code}}}","message":"details"}}"""));

        var failure = await Assert.ThrowsAsync<JobExecutionsApiException>(() => client.ListAsync(CancellationToken.None));

        Assert.Equal(status, failure.Status);
        Assert.Equal(code, failure.Code);
        Assert.Contains(hint, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatIsNotJsonFailsNamingTheJob()
    {
        var (client, _, _) = Create(_ => (HttpStatusCode.OK, "<html>proxy</html>"));

        var failure = await Assert.ThrowsAsync<JobExecutionsApiException>(() => client.ListAsync(CancellationToken.None));

        Assert.Contains("job 'agents'", failure.Message, StringComparison.Ordinal);
    }
}
