using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.JobEmulation;
using Grpc.Core;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class ScalerPollerTests
{
    [Fact]
    public async Task AScalerThatAcceptsButNeverAnswersFailsTheIntervalAtItsDeadline()
    {
        // What a stopped Scaler looks like behind the AppHost's endpoint proxy: the kernel completes the connection
        // (the listener's backlog), nothing ever answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var poller = new ScalerPoller(new Uri($"http://127.0.0.1:{port}"), "agents", new Dictionary<string, string> { ["poolName"] = "aca-agents" });

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() => poller.ReadAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
    }
}
