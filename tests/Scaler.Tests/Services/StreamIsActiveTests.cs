using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;

namespace AspireAgents.Scaler.Tests.Services;

public class StreamIsActiveTests
{
    [Fact]
    public async Task TheStreamSendsTheCurrentStateAtOnceThenOnlyChanges()
    {
        var ado = new FakeAzureDevOps();
        ado.JobRequests[1] = [Jobs.Queued(1)];
        await using var host = await ScalerHost.StartAsync(ado, new Dictionary<string, string?>
        {
            ["Scaler:StreamInterval"] = "00:00:00.100",
            ["Scaler:FreshnessWindow"] = "00:00:00.050",
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = host.Client.StreamIsActive(ScalerHost.ScaledJob("agents"), cancellationToken: timeout.Token);

        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.True(call.ResponseStream.Current.Result);
        await Task.Delay(500, timeout.Token);
        ado.JobRequests[1] = [Jobs.Finished(1)];
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.False(call.ResponseStream.Current.Result);
        ado.JobRequests[1] = [Jobs.Queued(2)];
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.True(call.ResponseStream.Current.Result);
        Assert.True(ado.Count("jobrequests") >= 3);
    }

    [Fact]
    public async Task AStreamWithBadMetadataFailsWithInvalidArgument()
    {
        await using var host = await ScalerHost.StartAsync(new FakeAzureDevOps());
        using var call = host.Client.StreamIsActive(ScalerHost.ScaledJob("agents", ("targetPipelinesQueueLength", "many")));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("targetPipelinesQueueLength", error.Status.Detail, StringComparison.Ordinal);
    }
}
