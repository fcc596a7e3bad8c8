using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;

namespace AspireAgents.Scaler.Tests.Integration;

/// <summary>
/// The scaler as its own process, authenticated only by <c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c>, against the
/// DevOpsEmulator process over real HTTP, asked over real gRPC.
/// </summary>
public sealed class ScalerAgainstEmulatorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string JobRequestsRoute = "GET /{org}/_apis/distributedtask/pools/{poolId}/jobrequests";
    private const string TokenRoute = "GET /msi/token";
    private static readonly Dictionary<string, string> s_linux = new() { ["Agent.OS"] = "Linux", ["Agent.Version"] = "4.260.0" };

    private readonly EmulatorProcess _emulator = fixture.Emulator;
    private ScalerProcess _scaler = null!;

    public async Task InitializeAsync()
    {
        await _emulator.ResetAsync();
        _scaler = await StartScalerAsync();
    }

    public async Task DisposeAsync() => await _scaler.DisposeAsync();

    private Task<ScalerProcess> StartScalerAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["IDENTITY_ENDPOINT"] = _emulator.IdentityEndpoint,
            ["IDENTITY_HEADER"] = EmulatorProcess.IdentityHeader,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return ScalerProcess.StartAsync(environment);
    }

    private ScaledObjectRef Trigger(string name, params (string Key, string Value)[] metadata)
    {
        var reference = new ScaledObjectRef { Name = name, Namespace = "agents" };
        reference.ScalerMetadata["scalerAddress"] = "127.0.0.1:5190";
        reference.ScalerMetadata["organizationURLFromEnv"] = _emulator.OrganizationUrl;
        reference.ScalerMetadata["poolName"] = "aca-agents";
        foreach (var (key, value) in metadata)
        {
            reference.ScalerMetadata[key] = value;
        }

        return reference;
    }

    private async Task<long> QueueLengthAsync(ScaledObjectRef trigger, ExternalScaler.ExternalScalerClient? client = null) =>
        (await (client ?? _scaler.Client).GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = trigger, MetricName = "azure-pipelines-10" })).MetricValues[0].MetricValue_;

    [Fact]
    public async Task QueuedJobsBecomeTheMetricWithATokenFromTheManagedIdentityEndpoint()
    {
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux);
        await _emulator.QueueRunWithDemandsAsync(1);
        await _emulator.QueueRunWithDemandsAsync(1);
        await _emulator.QueueRunWithDemandsAsync(2);
        var trigger = Trigger("agents", ("targetPipelinesQueueLength", "2"));

        var spec = await _scaler.Client.GetMetricSpecAsync(trigger);
        var metrics = await _scaler.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = trigger, MetricName = spec.MetricSpecs[0].MetricName });

        Assert.Equal("azure-pipelines-10", spec.MetricSpecs[0].MetricName);
        Assert.Equal(2, spec.MetricSpecs[0].TargetSize);
        Assert.Equal(2.0, spec.MetricSpecs[0].TargetSizeFloat);
        Assert.Equal(3, metrics.MetricValues[0].MetricValue_);
        Assert.Equal(3.0, metrics.MetricValues[0].MetricValueFloat);
        Assert.True(await _emulator.RequestsAsync(TokenRoute) >= 1);
    }

    [Fact]
    public async Task ActivationFollowsTheActivationThreshold()
    {
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux);
        Assert.False((await _scaler.Client.IsActiveAsync(Trigger("agents"))).Result);

        await _emulator.QueueRunWithDemandsAsync(1);
        await _emulator.QueueRunWithDemandsAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        Assert.True((await _scaler.Client.IsActiveAsync(Trigger("agents", ("activationTargetPipelinesQueueLength", "1")))).Result);
        Assert.False((await _scaler.Client.IsActiveAsync(Trigger("agents", ("activationTargetPipelinesQueueLength", "2")))).Result);
    }

    [Fact]
    public async Task DemandsDecideWhichTriggersCountAJob()
    {
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux, new Dictionary<string, string> { ["docker"] = "1" });
        await _emulator.QueueRunWithDemandsAsync(1);
        await _emulator.QueueRunWithDemandsAsync(2);
        await _emulator.QueueRunWithDemandsAsync(1, demands: "docker");

        Assert.Equal(3, await QueueLengthAsync(Trigger("all")));
        Assert.Equal(2, await QueueLengthAsync(Trigger("linux", ("demands", "Agent.OS -equals Linux"))));
        Assert.Equal(1, await QueueLengthAsync(Trigger("linux-only", ("demands", "Agent.OS -equals Linux"), ("requireAllDemands", "true"))));
        Assert.Equal(1, await QueueLengthAsync(Trigger("docker", ("demands", "docker"), ("requireAllDemandsAndIgnoreOthers", "true"))));
    }

    [Fact]
    public async Task ParentCountsTheJobsMatchedToItsTemplateAgent()
    {
        await _emulator.RegisterAgentAsync("linux-template", s_linux);
        await _emulator.RegisterAgentAsync("windows-template", new Dictionary<string, string> { ["Agent.OS"] = "Windows_NT", ["Agent.Version"] = "4.260.0" });
        await _emulator.QueueRunWithDemandsAsync(2);
        await _emulator.QueueRunWithDemandsAsync(2);
        await _emulator.QueueRunWithDemandsAsync(1);

        Assert.Equal(3, await QueueLengthAsync(Trigger("linux", ("parent", "linux-template"))));
        Assert.Equal(1, await QueueLengthAsync(Trigger("windows", ("parent", "windows-template"))));
        Assert.Equal(3, await QueueLengthAsync(Trigger("linux-unfinished", ("parent", "linux-template"), ("fetchUnfinishedJobsOnly", "true"))));
    }

    [Fact]
    public async Task ThirtyConcurrentGetMetricsOnOnePoolMakeOneAzureDevOpsRequest()
    {
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux);
        await _emulator.QueueRunWithDemandsAsync(1);
        var trigger = Trigger("agents");
        await _scaler.Client.GetMetricSpecAsync(trigger);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var before = await _emulator.RequestsAsync(JobRequestsRoute);

        var lengths = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => QueueLengthAsync(trigger)));

        Assert.All(lengths, length => Assert.Equal(1, length));
        Assert.Equal(1, await _emulator.RequestsAsync(JobRequestsRoute) - before);
    }

    [Fact]
    public async Task A429WithRetryAfterIsWaitedOutAndAnswered()
    {
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux);
        await _emulator.QueueRunWithDemandsAsync(1);
        await _emulator.InjectFaultAsync(429, "*/jobrequests", count: 1, retryAfterSeconds: 1);
        var started = DateTime.UtcNow;

        var length = await QueueLengthAsync(Trigger("agents"));

        Assert.Equal(1, length);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
        Assert.Equal(2, await _emulator.RequestsAsync(JobRequestsRoute));
    }

    [Fact]
    public async Task A503IsAnsweredWithTheLastGoodValueThenFailsAsUnavailable()
    {
        await using var scaler = await StartScalerAsync(("Scaler__FreshnessWindow", "00:00:00.500"), ("Scaler__StalenessBound", "00:00:03"), ("AzureDevOps__Http__MaxAttempts", "1"));
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux);
        await _emulator.QueueRunWithDemandsAsync(1);
        var trigger = Trigger("agents");
        Assert.Equal(1, await QueueLengthAsync(trigger, scaler.Client));
        await _emulator.InjectFaultAsync(503, "*/jobrequests");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await QueueLengthAsync(trigger, scaler.Client));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<RpcException>(() => QueueLengthAsync(trigger, scaler.Client));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("503", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A203SignInPageIsUnauthenticated()
    {
        await _emulator.InjectFaultAsync(203, "*/distributedtask/*");

        var error = await Assert.ThrowsAsync<RpcException>(() => _scaler.Client.IsActiveAsync(Trigger("agents")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("sign-in page", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPoolIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _scaler.Client.GetMetricSpecAsync(Trigger("agents", ("poolName", "no-such-pool"))).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("no-such-pool", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredTokenIsReplacedAndTheScalerKeepsAnswering()
    {
        await _emulator.RegisterAgentAsync("placeholder-agent", s_linux);
        await _emulator.QueueRunWithDemandsAsync(1);
        var trigger = Trigger("agents");
        Assert.Equal(1, await QueueLengthAsync(trigger));
        var tokens = await _emulator.RequestsAsync(TokenRoute);

        await Task.Delay(TimeSpan.Parse(EmulatorFixture.TokenLifetime, System.Globalization.CultureInfo.InvariantCulture) + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await QueueLengthAsync(trigger));
        Assert.True(await _emulator.RequestsAsync(TokenRoute) > tokens, "a new token was fetched");
    }
}
