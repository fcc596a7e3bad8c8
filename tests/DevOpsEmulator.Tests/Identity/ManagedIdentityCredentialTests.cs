using Azure.Core;
using Azure.Identity;

namespace AspireAgents.DevOpsEmulator.Tests.Identity;

/// <summary>
/// Azure.Identity's <see cref="ManagedIdentityCredential"/> gets tokens from the emulator with nothing but
/// <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c> set, as in an Azure Container Apps job.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ManagedIdentityCredentialTests
{
    private static readonly TokenRequestContext AzureDevOpsScope = new([$"{EmulatorServer.AzureDevOps}/.default"]);

    private static async Task<T> WithIdentityEnvironmentAsync<T>(EmulatorServer server, Func<Task<T>> action)
    {
        var saved = (Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"), Environment.GetEnvironmentVariable("IDENTITY_HEADER"));
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", $"{server.BaseAddress}msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", EmulatorServer.IdentityHeader);
        try
        {
            return await action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", saved.Item1);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", saved.Item2);
        }
    }

    private static async Task<long> MsiRequestsAsync(EmulatorServer server) =>
        (await server.StatsAsync()).GetProperty("requestsByRoute").TryGetProperty("GET /msi/token", out var count) ? count.GetInt64() : 0;

    [Fact]
    public async Task ManagedIdentityCredentialGetsATokenThatAzureDevOpsAccepts()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:02:00" });

        var token = await WithIdentityEnvironmentAsync(server, async () =>
            await new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned).GetTokenAsync(AzureDevOpsScope, CancellationToken.None));

        using var client = server.BearerClient(token.Token);
        using var response = await client.GetAsync("local/_apis/distributedtask/pools?poolName=aca-agents");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.InRange(token.ExpiresOn - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));
        Assert.True(await MsiRequestsAsync(server) >= 1);
    }

    [Fact]
    public async Task UserAssignedIdentityWorksThroughTheCredential()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:02:00" });

        var token = await WithIdentityEnvironmentAsync(server, async () =>
            await new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId("5a0b1c2d-0000-4000-8000-000000000002"))
                .GetTokenAsync(AzureDevOpsScope, CancellationToken.None));

        using var client = server.BearerClient(token.Token);
        using var response = await client.GetAsync($"{server.Pool()}/jobrequests");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task DefaultAzureCredentialPicksUpTheEndpointToo()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:02:00" });

        var token = await WithIdentityEnvironmentAsync(server, async () =>
            await new DefaultAzureCredential().GetTokenAsync(AzureDevOpsScope, CancellationToken.None));

        using var client = server.BearerClient(token.Token);
        using var response = await client.GetAsync("local/_apis/distributedtask/pools");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task ShortLivedTokensAreFetchedAgain()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:02:00" });
        var credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

        await WithIdentityEnvironmentAsync(server, async () =>
        {
            await credential.GetTokenAsync(AzureDevOpsScope, CancellationToken.None);
            await credential.GetTokenAsync(AzureDevOpsScope, CancellationToken.None);
            return true;
        });

        // A token with less than five minutes left counts as expired, so each call goes back to the endpoint.
        Assert.Equal(2, await MsiRequestsAsync(server));
    }

    [Fact]
    public async Task WrongIdentityHeaderFailsTheCredential()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:IdentityHeader"] = "something-else" });

        var failure = await WithIdentityEnvironmentAsync(server, async () =>
            await Record.ExceptionAsync(async () =>
                await new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned).GetTokenAsync(AzureDevOpsScope, CancellationToken.None)));

        Assert.IsType<AuthenticationFailedException>(failure, exactMatch: false);
    }
}
