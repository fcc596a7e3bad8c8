using System.Net;
using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace AspireAgents.Scaler.Tests.Services;

public class HostingTests
{
    [Fact]
    public async Task PlainHttpServesGrpcWithPriorKnowledgeHttp2()
    {
        await using var host = await ScalerHost.StartAsync(new FakeAzureDevOps());
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.GetAsync(new Uri(host.Address, "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheGrpcHealthServiceReportsServing()
    {
        await using var host = await ScalerHost.StartAsync(new FakeAzureDevOps());

        var response = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task ReflectionIsOffByDefault()
    {
        await using var host = await ScalerHost.StartAsync(new FakeAzureDevOps());
        using var call = new ServerReflection.ServerReflectionClient(host.Channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task WithEnableReflectionReflectionListsTheExternalScalerService()
    {
        await using var host = await ScalerHost.StartAsync(new FakeAzureDevOps(), new Dictionary<string, string?> { ["Scaler:EnableReflection"] = "true" });
        using var call = new ServerReflection.ServerReflectionClient(host.Channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "externalscaler.ExternalScaler");
    }
}
