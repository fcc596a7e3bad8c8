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

    [Fact]
    public async Task ASecondHttp1EndpointServesProbesBesideTheGrpcEndpoint()
    {
        // The probes port must be known to tell it from the gRPC one: a fixed port, tried again if taken meanwhile.
        var probes = 0;
        await using var scaler = await FreePort.RetryAsync(() =>
        {
            probes = FreePort.Next();
            return ScalerProcess.StartAsync(
                new Dictionary<string, string>
                {
                    ["AzureDevOps__PersonalAccessToken"] = "unused",
                },
                [$"--Kestrel:Endpoints:Probes:Url=http://127.0.0.1:{probes}", "--Kestrel:Endpoints:Probes:Protocols=Http1"]);
        });
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{probes}/health"));
        var health = await new Health.HealthClient(scaler.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(System.Net.HttpVersion.Version11, response.Version);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
