using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.DevOpsEmulator.Tests.Auth;

public sealed class AuthenticationTests
{
    private const string PoolsPath = "local/_apis/distributedtask/pools";

    [Theory]
    [InlineData("")]
    [InlineData("any-user")]
    [InlineData("someone@example.com")]
    public async Task PatAsBasicPasswordWorksWithAnyUserName(string user)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{EmulatorServer.Pat}")));

        using var response = await client.GetAsync(PoolsPath);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task NoCredentialsAnswer401WithTheServiceChallenges()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Anonymous.GetAsync(PoolsPath);
        var error = await Json.ReadAsync(response, 401);

        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        Assert.Equal(["Bearer", "Basic", "TFS-Federated"], challenges);
        Assert.Contains("login.microsoftonline.com", response.Headers.WwwAuthenticate.First().Parameter);
        Assert.True(response.Headers.Contains("X-TFS-ProcessId"));
        Assert.StartsWith("TF400813", error.Str("message"));
    }

    [Fact]
    public async Task UnknownPatAnswers401()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":not-the-pat")));

        using var response = await client.GetAsync(PoolsPath);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("%%%not-base64%%%")]
    [InlineData("bm8tY29sb24taGVyZQ==")]
    public async Task MalformedBasicHeaderAnswers203WithTheSignInPage(string parameter)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.NewClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Basic {parameter}");

        using var response = await client.GetAsync(PoolsPath);

        Assert.Equal(203, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Azure DevOps Services | Sign In", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TokenFromTheIdentityEndpointIsAccepted()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.BearerClient(await server.TokenAsync());

        using var response = await client.GetAsync($"{PoolsPath}?poolName=aca-agents");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task ExpiredTokenAnswers401()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:10:00" }, time);
        using var client = server.BearerClient(await server.TokenAsync());
        using (var fresh = await client.GetAsync(PoolsPath))
        {
            Assert.Equal(200, (int)fresh.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        using var expired = await client.GetAsync(PoolsPath);

        Assert.Equal(401, (int)expired.StatusCode);
        Assert.NotEmpty(expired.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task TokenForAnotherAudienceAnswers401()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.BearerClient(await server.TokenAsync("https://management.azure.com/"));

        using var response = await client.GetAsync(PoolsPath);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task TokenOfAnIdentityNotInTheOrganizationAnswers401NamingIt()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.BearerClient(await server.TokenAsync(identityQuery: "&client_id=5a0b1c2d-0000-4000-8000-000000000003"));

        using var response = await client.GetAsync(PoolsPath);
        var error = await Json.ReadAsync(response, 401);

        Assert.StartsWith("TF401444", error.Str("message"));
        Assert.Contains("not-in-org-identity", error.Str("message"));
        Assert.Contains("6b1c2d3e-0000-4000-8000-000000000003", error.Str("message"));
    }

    [Fact]
    public async Task ForgedOrForeignTokenAnswers401()
    {
        await using var other = await EmulatorServer.StartAsync();
        var foreign = await other.TokenAsync();
        await using var server = await EmulatorServer.StartAsync();

        using var foreignClient = server.BearerClient(foreign);
        using var garbageClient = server.BearerClient("not.a.token");
        using var foreignResponse = await foreignClient.GetAsync(PoolsPath);
        using var garbageResponse = await garbageClient.GetAsync(PoolsPath);

        Assert.Equal(401, (int)foreignResponse.StatusCode);
        Assert.Equal(401, (int)garbageResponse.StatusCode);
    }

    [Fact]
    public async Task EveryAzureDevOpsRouteNeedsCredentials()
    {
        await using var server = await EmulatorServer.StartAsync();

        string[] paths =
        [
            PoolsPath,
            $"{PoolsPath}/10/agents",
            $"{PoolsPath}/10/jobrequests",
            $"{PoolsPath}/10/messages?sessionId={Guid.NewGuid()}",
            "local/_apis/distributedtask/packages/agent?platform=linux-x64",
            "local/demo/_apis/pipelines",
        ];
        foreach (var path in paths)
        {
            using var response = await server.Anonymous.GetAsync(path);
            Assert.True((int)response.StatusCode == 401, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EmulatorControlsAndDownloadsNeedNoCredentials()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var stats = await server.Anonymous.GetAsync("_emulator/stats");

        Assert.Equal(200, (int)stats.StatusCode);
    }
}
