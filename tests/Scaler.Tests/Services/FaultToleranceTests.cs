using System.Net;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.Scaler.Tests.Services;

/// <summary>What the scaler answers while Azure DevOps fails: the last good count within the staleness bound, then Unavailable; never 0.</summary>
public sealed class FaultToleranceTests : IAsyncLifetime
{
    private readonly FakeAzureDevOps _ado = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private ScalerHost _host = null!;

    private static GetMetricsRequest Request => new() { ScaledObjectRef = ScalerHost.ScaledJob("agents"), MetricName = "azure-pipelines-1" };

    public async Task InitializeAsync()
    {
        _ado.JobRequests[1] = [Jobs.Queued(1), Jobs.Queued(2), Jobs.InFlight(3)];
        _host = await ScalerHost.StartAsync(
            _ado,
            new Dictionary<string, string?> { ["Scaler:FreshnessWindow"] = "00:00:02", ["Scaler:StalenessBound"] = "00:01:00" },
            builder => builder.Services.AddSingleton<TimeProvider>(_time));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static HttpResponseMessage ServiceUnavailable(HttpRequestMessage request) =>
        FakeAzureDevOps.Json("""{"message":"TF246017: Azure DevOps Services is unavailable."}""", HttpStatusCode.ServiceUnavailable);

    [Fact]
    public async Task TheLastGoodValueAnswersWhileAzureDevOpsFailsWithinTheStalenessBound()
    {
        Assert.Equal(3, (await _host.Client.GetMetricsAsync(Request)).MetricValues[0].MetricValue_);
        _time.Advance(TimeSpan.FromSeconds(30));
        _ado.Fault = ServiceUnavailable;

        var response = await _host.Client.GetMetricsAsync(Request);
        var active = await _host.Client.IsActiveAsync(Request.ScaledObjectRef);

        Assert.Equal(3, response.MetricValues[0].MetricValue_);
        Assert.True(active.Result);
        Assert.Equal(2, _ado.Count("jobrequests"));
    }

    [Fact]
    public async Task ALastGoodAnswerOfNoJobIsNotServedTheCallFailsInstead()
    {
        _ado.JobRequests[1] = [];
        var request = Request;
        Assert.Equal(0, (await _host.Client.GetMetricsAsync(request)).MetricValues[0].MetricValue_);
        _time.Advance(TimeSpan.FromSeconds(30));
        _ado.Fault = ServiceUnavailable;

        var metrics = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricsAsync(request).ResponseAsync);
        var active = await Assert.ThrowsAsync<RpcException>(() => _host.Client.IsActiveAsync(request.ScaledObjectRef).ResponseAsync);

        Assert.All([metrics, active], error => Assert.Equal(StatusCode.Unavailable, error.StatusCode));
        Assert.Contains("30 s old, counted no job", metrics.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("TF246017", metrics.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeyondTheStalenessBoundTheCallFailsAsUnavailableNamingTheCause()
    {
        await _host.Client.GetMetricsAsync(Request);
        _time.Advance(TimeSpan.FromSeconds(61));
        _ado.Fault = ServiceUnavailable;

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricsAsync(Request).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("503", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("TF246017", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("StalenessBound", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailureBeforeAnyGoodValueIsUnavailableAndNeverZero()
    {
        _ado.Fault = request => request.RequestUri!.AbsolutePath.EndsWith("/jobrequests", StringComparison.Ordinal) ? ServiceUnavailable(request) : null;

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricsAsync(Request).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task AFailingOrganizationIsNotAskedAgainWithinTheFreshnessWindow()
    {
        await _host.Client.GetMetricsAsync(Request);
        _time.Advance(TimeSpan.FromSeconds(5));
        _ado.Fault = ServiceUnavailable;

        for (var i = 0; i < 5; i++)
        {
            await _host.Client.GetMetricsAsync(Request);
        }

        Assert.Equal(2, _ado.Count("jobrequests"));
    }

    [Fact]
    public async Task TheServiceRecoversWhenAzureDevOpsDoes()
    {
        await _host.Client.GetMetricsAsync(Request);
        _time.Advance(TimeSpan.FromSeconds(61));
        _ado.Fault = ServiceUnavailable;
        await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetMetricsAsync(Request).ResponseAsync);
        _time.Advance(TimeSpan.FromSeconds(2));
        _ado.Fault = null;
        _ado.JobRequests[1] = [Jobs.Queued(1)];

        Assert.Equal(1, (await _host.Client.GetMetricsAsync(Request)).MetricValues[0].MetricValue_);
    }
}
