using System.Net;
using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;

namespace AspireAgents.Scaler.Tests.Services;

/// <summary>A caller cannot make the scaler send its credential elsewhere, nor read what an answering server said.</summary>
public sealed class CredentialTargetTests
{
    private const string Secret = "internal-secret-9f8e7d";

    [Theory]
    [InlineData("https://attacker.example/contoso")]
    [InlineData("http://dev.azure.com/contoso")]
    [InlineData("http://169.254.169.254/metadata")]
    public async Task AnOrganizationOffTheAllowListIsInvalidArgumentAndNoRequestIsMade(string url)
    {
        var ado = new FakeAzureDevOps();
        await using var host = await ScalerHost.StartAsync(ado);
        var request = ScalerHost.ScaledJob("agents", ("organizationURL", url));

        var spec = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetMetricSpecAsync(request).ResponseAsync);
        var active = await Assert.ThrowsAsync<RpcException>(() => host.Client.IsActiveAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, spec.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, active.StatusCode);
        Assert.Contains("Scaler:AllowedOrganizationHosts", spec.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(ado.Requests);
    }

    [Fact]
    public async Task AHostAddedToTheSettingReceivesRequests()
    {
        var ado = new FakeAzureDevOps();
        ado.JobRequests[1] = [Jobs.Queued(1)];
        await using var host = await ScalerHost.StartAsync(ado, new Dictionary<string, string?> { ["Scaler:AllowedOrganizationHosts:0"] = "ado.contoso.com" });

        var response = await host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents", ("organizationURL", "https://ado.contoso.com/tfs/DefaultCollection")));

        Assert.True(response.Result);
        Assert.All(ado.Requests, r => Assert.Equal("ado.contoso.com", r.Uri.Host));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "text/plain")]
    [InlineData(HttpStatusCode.BadRequest, "application/json")]
    [InlineData(HttpStatusCode.Forbidden, "application/json")]
    [InlineData(HttpStatusCode.NotFound, "text/plain")]
    [InlineData(HttpStatusCode.Unauthorized, "text/plain")]
    public async Task AnErrorAnswersBodyNeverReachesTheCaller(HttpStatusCode status, string mediaType)
    {
        var ado = new FakeAzureDevOps
        {
            Fault = _ =>
            {
                var body = mediaType == "application/json" ? $$"""{"message":"TF400813: {{Secret}}"}""" : $"TF400813: {Secret} and more";
                var response = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType), ReasonPhrase = Secret };
                response.Headers.WwwAuthenticate.ParseAdd($"Bearer realm=\"{Secret}\"");
                return response;
            },
        };
        await using var host = await ScalerHost.StartAsync(ado);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.IsActiveAsync(ScalerHost.ScaledJob("agents")).ResponseAsync);

        Assert.DoesNotContain(Secret, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("TF400813", error.Status.Detail, StringComparison.Ordinal);
        // Whoever runs the scaler still sees the whole answer in its log.
        Assert.Contains(host.Logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }
}
