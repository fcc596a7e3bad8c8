using System.Net;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Tests.Fakes;

namespace AspireAgents.Scaler.Tests.Services;

public class RetryAfterTests
{
    [Fact]
    public async Task A429WithRetryAfterIsWaitedOutAndTheCallSucceeds()
    {
        var ado = new FakeAzureDevOps();
        ado.JobRequests[1] = [Jobs.Queued(1)];
        var throttled = 0;
        ado.Fault = request =>
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/jobrequests", StringComparison.Ordinal) || Interlocked.Increment(ref throttled) > 1)
            {
                return null;
            }

            var response = FakeAzureDevOps.Json("""{"message":"TF400733: The request has been blocked."}""", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new(TimeSpan.FromSeconds(1));
            return response;
        };
        await using var host = await ScalerHost.StartAsync(ado, new Dictionary<string, string?> { ["AzureDevOps:Http:MaxAttempts"] = "3" });
        var started = DateTime.UtcNow;

        var response = await host.Client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents") });

        Assert.Equal(1, response.MetricValues[0].MetricValue_);
        Assert.Equal(2, ado.Count("jobrequests"));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }
}
