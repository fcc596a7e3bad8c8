using System.Net;
using System.Text.Json;
using Aspire.Hosting.JobEmulation;
using AspireAgents.Scaling.ContainerApps;

namespace AspireAgents.Hosting.Tests.JobEmulation.ExecutionsApi;

/// <summary>The job emulation's executions API: ARM's path, JSON and paging, and who it refuses.</summary>
public sealed class JobExecutionsApiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListsExecutionsInTheApisShapeWithStatusStartAndEndTime()
    {
        await using var api = await ExecutionsApiHarness.StartAsync();
        var pending = new ScriptedExecution("agents-aaaaaa", T0);
        var running = new ScriptedExecution("agents-bbbbbb", T0.AddSeconds(1));
        var done = new ScriptedExecution("agents-cccccc", T0.AddSeconds(2));
        var timedOut = new ScriptedExecution("agents-dddddd", T0.AddSeconds(3));
        foreach (var execution in new[] { pending, running, done, timedOut })
        {
            api.Registry.Add(execution);
        }

        api.Registry.Add(new ScriptedExecution("agents-placeholder", T0) { IsPlaceholder = true });
        running.Run();
        done.End(ExecutionOutcome.Succeeded, T0.AddSeconds(30));
        timedOut.End(ExecutionOutcome.TimedOut, T0.AddSeconds(40));

        var (status, body) = await api.GetAsync(api.ExecutionsUrl, ExecutionsApiHarness.GoodToken);

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        var value = json.RootElement.GetProperty("value");
        Assert.Equal(4, value.GetArrayLength());
        var first = value[0];
        Assert.Equal("agents-aaaaaa", first.GetProperty("name").GetString());
        Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-local/providers/Microsoft.App/jobs/agents/executions/agents-aaaaaa", first.GetProperty("id").GetString());
        Assert.Equal("Microsoft.App/jobs/executions", first.GetProperty("type").GetString());
        Assert.Equal(["Processing", "Running", "Succeeded", "Failed"], value.EnumerateArray().Select(e => e.GetProperty("properties").GetProperty("status").GetString()));
        Assert.Equal("2026-01-01T10:00:00.0000000Z", first.GetProperty("properties").GetProperty("startTime").GetString());
        Assert.False(first.GetProperty("properties").TryGetProperty("endTime", out _));
        Assert.Equal("2026-01-01T10:00:30.0000000Z", value[2].GetProperty("properties").GetProperty("endTime").GetString());
        // Only the API's members: nothing computed leaks into the JSON.
        Assert.Equal(["status", "startTime"], first.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(json.RootElement.TryGetProperty("nextLink", out _));
    }

    [Fact]
    public async Task PagesFollowNextLinkAndAnExecutionDroppedBetweenPagesMovesNothing()
    {
        await using var api = await ExecutionsApiHarness.StartAsync(pageSize: 2, historyLimit: 0);
        var executions = Enumerable.Range(0, 5).Select(i => new ScriptedExecution($"agents-{i:000000}", T0.AddSeconds(i))).ToList();
        executions.ForEach(api.Registry.Add);

        var (_, body) = await api.GetAsync(api.ExecutionsUrl, ExecutionsApiHarness.GoodToken);
        var page = JsonSerializer.Deserialize(body, ContainerAppsJsonContext.Default.JobExecutionList)!;
        Assert.Equal(["agents-000000", "agents-000001"], page.Value!.Select(e => e.Name));
        Assert.StartsWith(api.ExecutionsUrl.AbsoluteUri, page.NextLink, StringComparison.Ordinal);

        // The first execution finishes and leaves the history: the next page still starts after agents-000001.
        executions[0].End(ExecutionOutcome.Succeeded, T0.AddMinutes(1));
        Assert.Single(api.Registry.Finished(executions[0]));
        var (_, second) = await api.GetAsync(new Uri(page.NextLink!), ExecutionsApiHarness.GoodToken);
        Assert.Equal(["agents-000002", "agents-000003"], JsonSerializer.Deserialize(second, ContainerAppsJsonContext.Default.JobExecutionList)!.Value!.Select(e => e.Name));

        Assert.Equal(4, (await api.ListAllAsync()).Count);
    }

    [Fact]
    public async Task ARequestWithoutATokenIsRefusedWithArmsAuthenticationError()
    {
        await using var api = await ExecutionsApiHarness.StartAsync();

        var (status, body) = await api.GetAsync(api.ExecutionsUrl, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AuthenticationFailed", Code(body));
    }

    [Fact]
    public async Task ATokenTheEmulatorDidNotIssueIsRefused()
    {
        await using var api = await ExecutionsApiHarness.StartAsync();

        var (status, body) = await api.GetAsync(api.ExecutionsUrl, "forged.token.value");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("InvalidAuthenticationToken", Code(body));
        Assert.Contains("signature", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenForAzureDevOpsIsRefusedForItsAudience()
    {
        await using var api = await ExecutionsApiHarness.StartAsync();
        api.Introspections["ado-token"] = $$"""{"active":true,"aud":"499b84ac-1321-427f-aa17-267ca6975798","oid":"{{ExecutionsApiHarness.Reader}}"}""";

        var (status, body) = await api.GetAsync(api.ExecutionsUrl, "ado-token");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("InvalidAuthenticationTokenAudience", Code(body));
    }

    [Fact]
    public async Task AnIdentityWithoutReadAccessToTheJobIsForbidden()
    {
        await using var api = await ExecutionsApiHarness.StartAsync();
        api.Introspections["other-identity"] = """{"active":true,"aud":"https://management.azure.com/","oid":"6b1c2d3e-0000-4000-8000-000000000001","appid":"5a0b1c2d-0000-4000-8000-000000000001"}""";

        var (status, body) = await api.GetAsync(api.ExecutionsUrl, "other-identity");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AuthorizationFailed", Code(body));
        Assert.Contains("Microsoft.App/jobs/executions/read", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-local/providers/Microsoft.App/jobs/agents/executions", HttpStatusCode.BadRequest, "MissingApiVersionParameter")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-local/providers/Microsoft.App/jobs/agents/executions?api-version=2020-01-01", HttpStatusCode.BadRequest, "InvalidApiVersionParameter")]
    [InlineData("/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg-local/providers/Microsoft.App/jobs/agents/executions?api-version=2024-03-01", HttpStatusCode.NotFound, "SubscriptionNotFound")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.App/jobs/agents/executions?api-version=2024-03-01", HttpStatusCode.NotFound, "ResourceGroupNotFound")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-local/providers/Microsoft.App/jobs/other/executions?api-version=2024-03-01", HttpStatusCode.NotFound, "ResourceNotFound")]
    public async Task WrongRequestsGetArmsErrors(string pathAndQuery, HttpStatusCode expected, string code)
    {
        await using var api = await ExecutionsApiHarness.StartAsync();

        var (status, body) = await api.GetAsync(new Uri(api.ExecutionsUrl, pathAndQuery), ExecutionsApiHarness.GoodToken);

        Assert.Equal(expected, status);
        Assert.Equal(code, Code(body));
    }

    private static string? Code(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString();
}
