using System.Net;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;

namespace AspireAgents.Scaler.Tests.Services;

/// <summary>The four RPCs over real gRPC against a real Kestrel host, with Azure DevOps faked.</summary>
public sealed class ExternalScalerServiceTests : IAsyncLifetime
{
    private readonly FakeAzureDevOps _ado = new();
    private ScalerHost _host = null!;

    public async Task InitializeAsync()
    {
        _ado.JobRequests[1] =
        [
            Jobs.Queued(1, ["docker", Jobs.AgentVersion], ["linux-template"]),
            Jobs.Queued(2, ["gpu", Jobs.AgentVersion]),
            Jobs.Queued(3),
            Jobs.InFlight(4, ["docker"], ["linux-template"]),
            Jobs.Finished(5),
        ];
        _host = await ScalerHost.StartAsync(_ado);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetMetricSpecNamesTheMetricAfterThePoolAndSendsTheTargetInBothFields()
    {
        var response = await _host.Client.GetMetricSpecAsync(ScalerHost.ScaledJob("agents", ("poolName", "linux"), ("targetPipelinesQueueLength", "3")));

        var spec = Assert.Single(response.MetricSpecs);
        Assert.Equal("azure-pipelines-1", spec.MetricName);
        Assert.Equal(3, spec.TargetSize);
        Assert.Equal(3.0, spec.TargetSizeFloat);
    }

    [Fact]
    public async Task GetMetricsSendsTheQueueLengthInBothFields()
    {
        var response = await _host.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents"), MetricName = "azure-pipelines-1" });

        var value = Assert.Single(response.MetricValues);
        Assert.Equal("azure-pipelines-1", value.MetricName);
        Assert.Equal(4, value.MetricValue_);
        Assert.Equal(4.0, value.MetricValueFloat);
    }

    [Fact]
    public async Task GetMetricsAppliesTheTriggersCountingRules()
    {
        async Task<long> Count(params (string, string)[] metadata) =>
            (await _host.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents", metadata) })).MetricValues[0].MetricValue_;

        Assert.Equal(3, await Count(("scaleOnInFlight", "false")));
        Assert.Equal(3, await Count(("demands", "docker")));
        Assert.Equal(1, await Count(("demands", "docker"), ("requireAllDemands", "true"), ("scaleOnInFlight", "false")));
        Assert.Equal(2, await Count(("parent", "linux-template")));
        Assert.Equal(1, await Count(("parent", "linux-template"), ("scaleOnInFlight", "false")));
    }

    [Theory]
    [InlineData("3", true)]
    [InlineData("4", false)]
    public async Task IsActiveWhenTheQueueExceedsTheActivationTarget(string activation, bool expected)
    {
        var response = await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", ("activationTargetPipelinesQueueLength", activation)));

        Assert.Equal(expected, response.Result);
    }

    [Fact]
    public async Task AnEmptyQueueIsInactive()
    {
        _ado.JobRequests[1] = [Jobs.Finished(1)];

        var response = await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents"));

        Assert.False(response.Result);
    }

    [Fact]
    public async Task BadMetadataIsAnInvalidArgumentNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricsAsync(new GetMetricsRequest
        {
            ScaledObjectRef = ScalerHost.ScaledJob("agents", ("organizationURL", FakeAzureDevOps.OrganizationUrl + "/")),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("organizationURL", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _ado.Count("jobrequests"));
    }

    [Fact]
    public async Task ConflictingKeysAreAnInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", ("jobsToFetch", "10"), ("parent", "linux-template"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("jobsToFetch and parent", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPoolNameIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricSpecAsync(ScalerHost.ScaledJob("agents", ("poolName", "windows"))).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("'windows' not found", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPoolIdIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents", ("poolID", "42")) }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("42", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedCredentialIsUnauthenticatedWithTheCause()
    {
        _ado.Fault = _ => FakeAzureDevOps.Json("""{"message":"TF400813: The user is not authorized to access this resource."}""", HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("TF400813", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInPageIsUnauthenticatedAndSaysSo()
    {
        _ado.Fault = _ => FakeAzureDevOps.SignInPage();

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("203", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingPermissionIsPermissionDeniedWithTheStatusButNotTheServicesText()
    {
        _ado.Fault = request => request.RequestUri!.AbsolutePath.EndsWith("/jobrequests", StringComparison.Ordinal)
            ? FakeAzureDevOps.Json("""{"message":"Access denied. Needs Use permission on pool 1."}""", HttpStatusCode.Forbidden)
            : null;

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("HTTP 403", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Needs Use permission", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThirtyConcurrentGetMetricsOnOnePoolMakeOneAzureDevOpsRequest()
    {
        _ado.JobRequestsDelay = TimeSpan.FromMilliseconds(200);
        var request = new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents"), MetricName = "azure-pipelines-1" };
        await _host.Client.GetMetricSpecAsync(request.ScaledObjectRef);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _host.Client.GetMetricsAsync(request).ResponseAsync));

        Assert.All(responses, r => Assert.Equal(4, r.MetricValues[0].MetricValue_));
        Assert.Equal(1, _ado.Count("jobrequests"));
    }

    [Fact]
    public async Task APollOfTenScaledJobsWithDifferentRulesOnOnePoolMakesOneAzureDevOpsRequest()
    {
        var jobs = Enumerable.Range(0, 10).Select(i => ScalerHost.ScaledJob($"agents-{i}", ("demands", i % 2 == 0 ? "docker" : "gpu"))).ToArray();

        await Task.WhenAll(jobs.Select(async job =>
        {
            var spec = await _host.Client.GetMetricSpecAsync(job);
            await _host.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = job, MetricName = spec.MetricSpecs[0].MetricName });
            await _host.Client.IsActiveAsync(job);
        }));

        Assert.Equal(1, _ado.Count("jobrequests"));
        Assert.Equal(1, _ado.Count("pools"));
    }

    [Fact]
    public async Task TriggersWithDifferentPatsNeverShareAnAnswer()
    {
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("a", ("personalAccessTokenFromEnv", "pat-a")));
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("b", ("personalAccessTokenFromEnv", "pat-b")));
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("c"));

        Assert.Equal(3, _ado.Count("jobrequests"));
        Assert.Equal(3, _ado.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/jobrequests", StringComparison.Ordinal)).Select(r => r.Authorization).Distinct().Count());
    }

    [Fact]
    public async Task APatFromMetadataIsNeverLogged()
    {
        _ado.Fault = _ => FakeAzureDevOps.Json("""{"message":"denied"}""", HttpStatusCode.Unauthorized);

        await Assert.ThrowsAsync<RpcException>(() => _host.Client.IsActiveAsync(ScalerHost.ScaledJob("a", ("personalAccessTokenFromEnv", "very-secret-pat"))).ResponseAsync);

        Assert.NotEmpty(_host.Logs.Lines);
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains("very-secret-pat", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(Convert.ToBase64String("\u003avery-secret-pat"u8.ToArray()), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheQueryIsTheOneKedaSends()
    {
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("a"));
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("b", ("parent", "linux-template")));
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("c", ("fetchUnfinishedJobsOnly", "true")));
        await _host.Client.IsActiveAsync(ScalerHost.ScaledJob("d", ("jobsToFetch", "50")));

        var queries = _ado.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/jobrequests", StringComparison.Ordinal)).Select(r => r.Uri.Query).ToArray();
        Assert.Equal(["?$top=250", "", "?completedRequestCount=0", "?$top=50"], queries);
    }
}
