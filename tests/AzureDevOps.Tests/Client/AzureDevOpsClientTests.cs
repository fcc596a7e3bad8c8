using System.Net;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Tests.Fakes;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AzureDevOps.Tests.Client;

public class AzureDevOpsClientTests
{
    private static (AzureDevOpsClient Client, StubHandler Stub) Create(Func<HttpRequestMessage, int, HttpResponseMessage> respond)
    {
        var stub = new StubHandler(respond);
        var client = AzureDevOpsClient.Create(Fixtures.Organization, new PersonalAccessTokenAuthentication("pat"), new AzureDevOpsHttpOptions { MaxAttempts = 1 }, innerHandler: stub);
        return (client, stub);
    }

    [Theory]
    [InlineData(250L, false, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/jobrequests?$top=250")]
    [InlineData(null, true, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/jobrequests?completedRequestCount=0")]
    [InlineData(null, false, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/jobrequests")]
    public async Task GetJobRequestsAsksWithTheQueryKedaWouldSend(long? top, bool unfinishedOnly, string expected)
    {
        var (client, stub) = Create((_, _) => StubHandler.Json(Fixtures.JobRequests));

        await client.GetJobRequestsAsync(7, new JobRequestQuery(top, unfinishedOnly));

        Assert.Equal(expected, Assert.Single(stub.Requests).Uri.OriginalString);
    }

    [Fact]
    public async Task GetJobRequestsReadsTheFieldsTheScalerCounts()
    {
        var (client, _) = Create((_, _) => StubHandler.Json(Fixtures.JobRequests));

        var list = await client.GetJobRequestsAsync(7);

        Assert.Equal(3, list.Count);
        var queued = list.Value[0];
        Assert.Null(queued.Result);
        Assert.Null(queued.ReceiveTime);
        Assert.Equal(["docker", "Agent.Version -gtVersion 3.220.0"], queued.Demands);
        Assert.Equal("linux-template", Assert.Single(queued.MatchedAgents!).Name);
        Assert.NotNull(list.Value[1].ReceiveTime);
        Assert.Equal(TaskResult.Succeeded, list.Value[2].Result);
    }

    [Fact]
    public async Task GetPoolsEscapesThePoolName()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json(Fixtures.Pools));

        var pools = await client.GetPoolsAsync("linux pool");

        Assert.Equal("https://dev.azure.com/contoso/_apis/distributedtask/pools?poolName=linux%20pool", Assert.Single(stub.Requests).Uri.AbsoluteUri);
        Assert.Equal(7, Assert.Single(pools).Id);
    }

    [Theory]
    [InlineData(null, false, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/agents")]
    [InlineData("agent 1", false, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/agents?agentName=agent%201")]
    [InlineData("agent-1", true, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/agents?agentName=agent-1&includeAssignedRequest=true")]
    [InlineData(null, true, "https://dev.azure.com/contoso/_apis/distributedtask/pools/7/agents?includeAssignedRequest=true")]
    public async Task GetAgentsAsksForTheNameAndTheAssignedRequestWhenTold(string? agentName, bool includeAssignedRequest, string expected)
    {
        var (client, stub) = Create((_, _) => StubHandler.Json("""{"count":0,"value":[]}"""));

        await client.GetAgentsAsync(7, agentName, includeAssignedRequest);

        Assert.Equal(expected, Assert.Single(stub.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetAgentsWithCapabilitiesAsksForCapabilitiesAndAssignedRequestsAndReadsThem()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json(
            """{"count":1,"value":[{"id":3,"name":"a","status":"offline","createdOn":"2026-12-01T12:00:00Z","systemCapabilities":{"Agent.OS":"Linux"},"userCapabilities":{"gpu":"1"}}]}"""));

        var agent = Assert.Single(await client.GetAgentsWithCapabilitiesAsync(7));

        Assert.Equal("https://dev.azure.com/contoso/_apis/distributedtask/pools/7/agents?includeCapabilities=true&includeAssignedRequest=true", Assert.Single(stub.Requests).Uri.AbsoluteUri);
        Assert.Equal(("Linux", "1"), (agent.SystemCapabilities!["Agent.OS"], agent.UserCapabilities!["gpu"]));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), agent.CreatedOn);
    }

    [Fact]
    public async Task GetPoolReturnsNothingWhenTheAnswerHasNoPoolWithThatId()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json(Fixtures.Pools));

        Assert.Equal(7, (await client.GetPoolAsync(7))!.Id);
        Assert.Null(await client.GetPoolAsync(8));
        Assert.EndsWith("pools?poolID=8", stub.Requests.Last().Uri.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrailingSlashOnTheOrganizationUrlIsIgnored()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(Fixtures.Pools));
        var client = new AzureDevOpsClient(new HttpClient(stub), new Uri("http://127.0.0.1:5180/local/"));

        await client.GetPoolsAsync();

        Assert.Equal("http://127.0.0.1:5180/local/_apis/distributedtask/pools", Assert.Single(stub.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetMessageReturnsNothingWhenTheLongPollEndsEmpty()
    {
        var (client, stub) = Create((_, _) => StubHandler.Status(HttpStatusCode.NoContent));
        var session = Guid.NewGuid();

        Assert.Null(await client.GetMessageAsync(7, session, lastMessageId: 4));
        Assert.Equal($"https://dev.azure.com/contoso/_apis/distributedtask/pools/7/messages?sessionId={session}&lastMessageId=4", Assert.Single(stub.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetMessageReturnsTheMessage()
    {
        var (client, _) = Create((_, _) => StubHandler.Json("""{"messageId":5,"messageType":"PipelineAgentJobRequest","body":"{}"}"""));

        var message = await client.GetMessageAsync(7, Guid.NewGuid());

        Assert.Equal(5, message!.MessageId);
        Assert.Equal(AgentMessageTypes.JobRequest, message.MessageType);
    }

    [Fact]
    public async Task RenewPatchesTheRequestWithTheSessionAsLockToken()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json("""{"requestId":101,"lockedUntil":"2026-01-01T10:10:00Z"}"""));
        var session = Guid.NewGuid();

        var renewed = await client.RenewJobRequestAsync(7, 101, session);

        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal($"https://dev.azure.com/contoso/_apis/distributedtask/pools/7/jobrequests/101?lockToken={session}", request.Uri.AbsoluteUri);
        Assert.Equal("""{"requestId":101}""", request.Body);
        Assert.NotNull(renewed.LockedUntil);
    }

    [Fact]
    public async Task FinishSendsTheResultAndFinishTime()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json("""{"requestId":101,"result":"failed"}"""));

        await client.FinishJobRequestAsync(7, 101, Guid.NewGuid(), TaskResult.Failed, new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));

        var body = Assert.Single(stub.Requests).Body!;
        Assert.Contains("\"requestId\":101", body, StringComparison.Ordinal);
        Assert.Contains("\"finishTime\":\"2026-01-01T10:00:00+00:00\"", body, StringComparison.Ordinal);
        Assert.Contains("\"result\":", body, StringComparison.Ordinal);
        Assert.Contains("failed", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddAgentPostsTheAgentAndReturnsItsId()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json("""{"id":12,"name":"agent-1","status":"offline"}"""));

        var agent = await client.AddAgentAsync(7, new TaskAgent { Id = 0, Name = "agent-1", Version = "4.260.0" });

        Assert.Equal(12, agent.Id);
        Assert.Equal(HttpMethod.Post, Assert.Single(stub.Requests).Method);
    }

    [Fact]
    public async Task ANotFoundAnswerCarriesTheServiceMessage()
    {
        var (client, _) = Create((_, _) => StubHandler.Json("""{"$id":"1","message":"Agent pool 99 could not be found.","typeKey":"TaskAgentPoolNotFoundException"}""", HttpStatusCode.NotFound));

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => client.GetJobRequestsAsync(99));

        Assert.Equal(AzureDevOpsFailure.NotFound, error.Failure);
        Assert.Equal("Agent pool 99 could not be found.", error.ServiceMessage);
        Assert.Contains("jobrequests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingABusyAgentReportsAConflict()
    {
        var (client, _) = Create((_, _) => StubHandler.Json("""{"message":"The agent is running a job."}""", HttpStatusCode.Conflict));

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => client.DeleteAgentAsync(7, 3));

        Assert.Equal(AzureDevOpsFailure.Conflict, error.Failure);
    }

    [Fact]
    public async Task AForbiddenAnswerIsAnAccessDeniedFailure()
    {
        var (client, _) = Create((_, _) => StubHandler.Status(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => client.GetPoolsAsync());

        Assert.Equal(AzureDevOpsFailure.AccessDenied, error.Failure);
    }

    [Fact]
    public async Task JsonOfTheWrongShapeIsAnInvalidResponseNotACrash()
    {
        var (client, _) = Create((_, _) => StubHandler.Json("""{"count":"many","value":7}"""));

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => client.GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.InvalidResponse, error.Failure);
    }

    [Fact]
    public async Task RunPipelineSendsTheApiVersionAndTemplateParameters()
    {
        var (client, stub) = Create((_, _) => StubHandler.Json("""{"id":1,"name":"20260101.1","state":"inProgress","pipeline":{"id":3,"name":"hello","folder":"\\","revision":1}}"""));

        var run = await client.RunPipelineAsync("demo", 3, new RunPipelineParameters(new Dictionary<string, string> { ["durationSeconds"] = "5" }));

        var request = Assert.Single(stub.Requests);
        Assert.Equal("https://dev.azure.com/contoso/demo/_apis/pipelines/3/runs?api-version=7.1", request.Uri.AbsoluteUri);
        Assert.Contains("durationSeconds", request.Body!, StringComparison.Ordinal);
        Assert.Equal(RunState.InProgress, run.State);
    }
}
