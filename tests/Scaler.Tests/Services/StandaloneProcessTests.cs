using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;
using Grpc.Health.V1;

namespace AspireAgents.Scaler.Tests.Services;

public class StandaloneProcessTests
{
    [Fact]
    public async Task TheScalerRunStandaloneOnAPlainHttpUrlServesGrpc()
    {
        await using var scaler = await ScalerProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureDevOps__Authentication"] = "PersonalAccessToken",
            ["AzureDevOps__PersonalAccessToken"] = "unused",
        });

        var health = await new Health.HealthClient(scaler.Channel).CheckAsync(new HealthCheckRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => scaler.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", ("poolID", "x"))).ResponseAsync);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("\"poolID\"", error.Status.Detail, StringComparison.Ordinal);
    }
}
