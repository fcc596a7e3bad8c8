using System.Diagnostics;
using System.Text.Json;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Telemetry;
using AspireAgents.AzureDevOps.Tests.Fakes;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AzureDevOps.Tests.Wire;

/// <summary>Odd answers read through the real client: one odd value never makes the whole answer unreadable.</summary>
public class TolerantReadingTests
{
    private static AzureDevOpsClient Client(string json) =>
        AzureDevOpsClient.Create(Fixtures.Organization, new PersonalAccessTokenAuthentication("pat"), new AzureDevOpsHttpOptions { MaxAttempts = 1 },
            innerHandler: new StubHandler((_, _) => StubHandler.Json(json)));

    private static async Task<IReadOnlyList<TaskAgentJobRequest>> JobsAsync(string jobs) =>
        (await Client($$"""{"count":9,"value":[{{jobs}}]}""").GetJobRequestsAsync(7)).Value;

    private static async Task<TaskAgentJobRequest> JobAsync(string fields) =>
        Assert.Single(await JobsAsync($$"""{"requestId":1,{{fields}}}"""));

    [Fact]
    public async Task AnUnknownResultIsAFinishedJobDistinctFromAnAbsentOne()
    {
        var jobs = await JobsAsync("""
            {"requestId":1,"result":"succeededEventually"},
            {"requestId":2},
            {"requestId":3,"result":null},
            {"requestId":4,"result":"failed"}
            """);

        Assert.Equal([TaskResult.Unknown, null, null, TaskResult.Failed], jobs.Select(j => j.Result));
    }

    [Theory]
    [InlineData("0", TaskResult.Succeeded)]
    [InlineData("2", TaskResult.Failed)]
    [InlineData("5", TaskResult.Abandoned)]
    [InlineData("\"3\"", TaskResult.Canceled)]
    [InlineData("\"Canceled\"", TaskResult.Canceled)]
    [InlineData("99", TaskResult.Unknown)]
    [InlineData("-1", TaskResult.Unknown)]
    [InlineData("\"\"", TaskResult.Unknown)]
    [InlineData("true", TaskResult.Unknown)]
    [InlineData("{\"value\":\"succeeded\"}", TaskResult.Unknown)]
    [InlineData("[\"failed\"]", TaskResult.Unknown)]
    public async Task AResultIsReadByNameOrNumberAndAnythingElsePresentIsUnknown(string json, TaskResult expected) =>
        Assert.Equal(expected, (await JobAsync($$""" "result":{{json}} """)).Result);

    [Theory]
    [InlineData("\"online\"", TaskAgentStatus.Online)]
    [InlineData("\"Offline\"", TaskAgentStatus.Offline)]
    [InlineData("1", TaskAgentStatus.Offline)]
    [InlineData("2", TaskAgentStatus.Online)]
    [InlineData("\"busy\"", TaskAgentStatus.Unknown)]
    [InlineData("0", TaskAgentStatus.Unknown)]
    [InlineData("null", TaskAgentStatus.Unknown)]
    public async Task AnAgentStatusIsReadByNameOrNumberAndAnythingElseIsNotOnline(string json, TaskAgentStatus expected)
    {
        var agents = await Client($$"""{"count":1,"value":[{"id":3,"name":"a","status":{{json}}}]}""").GetAgentsAsync(7);

        Assert.Equal(expected, Assert.Single(agents).Status);
    }

    [Fact]
    public async Task IdsAndNumbersSentAsStringsAndGuidsInAnyFormAreRead()
    {
        var job = await JobsAsync("""
            {"requestId":"104","poolId":"7","queueId":7.5,"planId":"8D1A3C6B-0C57-4D6B-9D3A-5E2F7C1B9A40",
             "jobId":"8d1a3c6b0c574d6b9d3a5e2f7c1b9a41","scopeId":"{8d1a3c6b-0c57-4d6b-9d3a-5e2f7c1b9a42}","hostId":"not-a-guid",
             "orchestrationId":12345,"owner":{"id":"42","name":"run 42"}}
            """);

        var request = Assert.Single(job);
        Assert.Equal(104, request.RequestId);
        Assert.Equal(7, request.PoolId);
        Assert.Null(request.QueueId);
        Assert.Equal(Guid.Parse("8d1a3c6b-0c57-4d6b-9d3a-5e2f7c1b9a40"), request.PlanId);
        Assert.Equal(Guid.Parse("8d1a3c6b-0c57-4d6b-9d3a-5e2f7c1b9a41"), request.JobId);
        Assert.Equal(Guid.Parse("8d1a3c6b-0c57-4d6b-9d3a-5e2f7c1b9a42"), request.ScopeId);
        Assert.Null(request.HostId);
        Assert.Equal("12345", request.OrchestrationId);
        Assert.Equal(42, request.Owner!.Id);
    }

    [Fact]
    public async Task TimesThatAreNullOrUnreadableAreAbsent()
    {
        var job = await JobAsync(""" "queueTime":"2026-01-01T10:00:00Z","assignTime":null,"receiveTime":"soon","finishTime":17,"lockedUntil":"Thu, 01 Jan 2026 10:05:00 GMT" """);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), job.QueueTime);
        Assert.Null(job.AssignTime);
        Assert.Null(job.ReceiveTime);
        Assert.Null(job.FinishTime);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 5, 0, TimeSpan.Zero), job.LockedUntil);
    }

    [Theory]
    [InlineData("[\"docker\",null,5,\"Agent.Version -gtVersion 3.220.0\"]", new[] { "docker", "", "5", "Agent.Version -gtVersion 3.220.0" })]
    [InlineData("\"docker\"", new[] { "docker" })]
    [InlineData("{\"name\":\"docker\"}", new[] { "{\"name\":\"docker\"}" })]
    [InlineData("[]", new string[0])]
    public async Task DemandsAreAlwaysAListOfStrings(string json, string[] expected) =>
        Assert.Equal(expected, (await JobAsync($$""" "demands":{{json}} """)).Demands);

    [Fact]
    public async Task NullDemandsAreAbsent() =>
        Assert.Null((await JobAsync(""" "demands":null """)).Demands);

    [Fact]
    public async Task NullWhereAValueWasExpectedIsTheDefault()
    {
        var job = await JobAsync(""" "matchedAgents":[{"id":null,"name":"linux-template","enabled":null,"status":"offline"}],"matchesAllAgentsInPool":null,"priority":null """);

        var agent = Assert.Single(job.MatchedAgents!);
        Assert.Equal(0, agent.Id);
        Assert.Equal("linux-template", agent.Name);
        Assert.False(agent.Enabled);
        Assert.Null(job.MatchesAllAgentsInPool);
        Assert.Null(job.Priority);
    }

    [Fact]
    public async Task NewFieldsAreIgnoredAndMissingRequiredFieldsAreDefaults()
    {
        var jobs = await JobsAsync("""
            {"queueTime":"2026-01-01T10:00:00Z","agentSpecification":{"vmImage":"ubuntu-latest"},"newFlag":true,
             "matchedAgents":[{"id":1,"status":"online"},{"id":2,"name":"linux-template"}]}
            """);

        var job = Assert.Single(jobs);
        Assert.Equal(0, job.RequestId);
        Assert.Null(job.Result);
        Assert.Equal([null, "linux-template"], job.MatchedAgents!.Select(a => (string?)a.Name));
    }

    [Fact]
    public async Task NullAndUnreadableElementsAreLeftOutAndTheRestIsRead()
    {
        var jobs = await JobsAsync("""
            null,
            {"requestId":1,"matchedAgents":[null,{"id":1,"name":"linux-template"},"agent-2"]},
            42,
            {"requestId":2,"reservedAgent":9},
            {"requestId":3,"definition":"pipeline"}
            """);

        var job = Assert.Single(jobs);
        Assert.Equal(1, job.RequestId);
        Assert.Equal("linux-template", Assert.Single(job.MatchedAgents!).Name);
    }

    [Fact]
    public async Task MatchedAgentsThatAreNotAListAreAbsent() =>
        Assert.Null((await JobAsync(""" "matchedAgents":{"id":1,"name":"linux-template"} """)).MatchedAgents);

    [Fact]
    public async Task DataValuesOfAnotherKindAreText()
    {
        var job = await JobAsync(""" "data":{"ParallelismTag":"Private","IsScheduledKey":false,"Attempt":2,"Nested":{"a":1}} """);

        Assert.Equal("false", job.Data!["IsScheduledKey"]);
        Assert.Equal("2", job.Data["Attempt"]);
        Assert.Equal("""{"a":1}""", job.Data["Nested"]);
    }

    [Theory]
    [InlineData("""{"count":0}""")]
    [InlineData("""{"count":0,"value":null}""")]
    [InlineData("""{"count":1,"value":{"requestId":1}}""")]
    public async Task AListAnswerWithoutAValueArrayIsRefusedNotReadAsEmpty(string json)
    {
        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(json).GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.InvalidResponse, error.Failure);
        Assert.Contains("\"value\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolsWithOddFieldsAreStillFound()
    {
        var pools = await Client("""
            {"count":1,"value":[{"id":"7","name":"linux pool","isHosted":"False","scope":"0B4D9D6B-0000-0000-0000-000000000000",
             "size":null,"autoUpdate":null,"createdOn":"yesterday","owner":{"id":"nobody","displayName":null},"poolType":"elastic"}]}
            """).GetPoolsAsync("linux pool");

        var pool = Assert.Single(pools);
        Assert.Equal(7, pool.Id);
        Assert.False(pool.IsHosted);
        Assert.Equal(Guid.Parse("0b4d9d6b-0000-0000-0000-000000000000"), pool.Scope);
        Assert.Equal(Guid.Empty, pool.Owner!.Id);
    }

    [Theory]
    [InlineData("\"completed\"", "\"succeeded\"", RunState.Completed, RunResult.Succeeded)]
    [InlineData("4", "4", RunState.Completed, RunResult.Canceled)]
    [InlineData("\"postponed\"", "\"partiallySucceeded\"", RunState.Unknown, RunResult.Unknown)]
    public async Task PipelineRunStatesAndResultsAreReadByNameOrNumber(string state, string result, RunState expectedState, RunResult expectedResult)
    {
        var run = await Client($$$"""{"id":5,"name":"20260101.1","state":{{{state}}},"result":{{{result}}},"pipeline":{"id":1,"name":"p","folder":"\\","revision":1}}""")
            .GetPipelineRunAsync("demo", 1, 5);

        Assert.Equal(expectedState, run.State);
        Assert.Equal(expectedResult, run.Result);
    }

    [Fact]
    public async Task OddValuesAreRecordedOnTheCallsSpanWithTheirRawText()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AzureDevOpsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await JobsAsync("""{"requestId":1,"result":"succeededEventually"},{"requestId":2,"result":"succeededEventually"},{"requestId":3,"receiveTime":"soon"}""");

        var events = spans.Single(s => s.OperationName == "azp GetJobRequests").Events.Where(e => e.Name == "azp.odd_value").ToList();
        Assert.Equal(2, events.Count);
        Assert.Contains(events, e => e.Tags.Contains(new("azp.wire.type", "TaskResult")) && e.Tags.Contains(new("azp.wire.value", "succeededEventually")));
        Assert.Contains(events, e => e.Tags.Contains(new("azp.wire.type", "DateTimeOffset")) && e.Tags.Contains(new("azp.wire.value", "soon")));
    }

    [Fact]
    public async Task AnUnknownMemberIsNeverSent()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json("{}"));
        var client = AzureDevOpsClient.Create(Fixtures.Organization, new PersonalAccessTokenAuthentication("pat"), innerHandler: stub);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.FinishJobRequestAsync(7, 1, Guid.NewGuid(), TaskResult.Unknown, DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.AddAgentAsync(7, new TaskAgent { Name = "a", Status = TaskAgentStatus.Unknown }));
        Assert.Equal(0, stub.Count);
    }

    [Fact]
    public void WhatIsSentIsWrittenByTheStrictContractUnchanged()
    {
        var request = new TaskAgentJobRequest { RequestId = 1, Result = TaskResult.SucceededWithIssues, FinishTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var agent = new TaskAgent { Name = "a" };

        Assert.Equal("""{"requestId":1,"finishTime":"2026-01-01T00:00:00+00:00","result":"succeededWithIssues"}""", JsonSerializer.Serialize(request, AzureDevOpsJsonContext.Default.TaskAgentJobRequest));
        Assert.Contains("\"status\":\"offline\"", JsonSerializer.Serialize(agent, AzureDevOpsJsonContext.Default.TaskAgent), StringComparison.Ordinal);
    }
}
