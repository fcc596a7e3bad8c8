using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Identity;

public sealed class ManagedIdentityApiTests
{
    private const string UserAssignedClientId = "5a0b1c2d-0000-4000-8000-000000000002";

    private static async Task<(int Status, JsonElement Body)> GetAsync(EmulatorServer server, string query, string? header = EmulatorServer.IdentityHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"msi/token?{query}");
        if (header is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", header);
        }

        using var response = await server.Anonymous.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task ReturnsATokenWithTheContainerAppsFields()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:TokenLifetime"] = "00:30:00" });

        var (status, token) = await GetAsync(server, $"resource={EmulatorServer.AzureDevOps}&api-version=2019-08-01");

        Assert.Equal(200, status);
        Assert.Equal(3, token.Str("access_token").Split('.').Length);
        var expiresOn = DateTimeOffset.FromUnixTimeSeconds(long.Parse(token.Str("expires_on"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expiresOn - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
        Assert.Equal(EmulatorServer.AzureDevOps, token.Str("resource"));
        Assert.Equal("Bearer", token.Str("token_type"));
        Assert.Equal("5a0b1c2d-0000-4000-8000-000000000001", token.Str("client_id"));
    }

    [Theory]
    [InlineData("client_id=" + UserAssignedClientId)]
    [InlineData("principal_id=6b1c2d3e-0000-4000-8000-000000000002")]
    [InlineData("object_id=6b1c2d3e-0000-4000-8000-000000000002")]
    [InlineData("mi_res_id=/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-local/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aca-agents-identity")]
    public async Task UserAssignedIdentityIsChosenByAnyOfItsIds(string selector)
    {
        await using var server = await EmulatorServer.StartAsync();

        var (status, token) = await GetAsync(server, $"resource={EmulatorServer.AzureDevOps}&api-version=2019-08-01&{selector}");

        Assert.Equal(200, status);
        Assert.Equal(UserAssignedClientId, token.Str("client_id"));
    }

    [Fact]
    public async Task DefaultScopeSuffixIsAccepted()
    {
        await using var server = await EmulatorServer.StartAsync();

        var (status, token) = await GetAsync(server, $"resource={EmulatorServer.AzureDevOps}/.default&api-version=2019-08-01");

        Assert.Equal(200, status);
        Assert.Equal(EmulatorServer.AzureDevOps, token.Str("resource"));
    }

    [Theory]
    [InlineData("resource=499b84ac-1321-427f-aa17-267ca6975798&api-version=2019-08-01", null, 400, "invalid_request")]
    [InlineData("resource=499b84ac-1321-427f-aa17-267ca6975798&api-version=2019-08-01", "wrong", 401, "unauthorized_client")]
    [InlineData("resource=https://unknown.example&api-version=2019-08-01", EmulatorServer.IdentityHeader, 400, "invalid_resource")]
    [InlineData("api-version=2019-08-01", EmulatorServer.IdentityHeader, 400, "invalid_request")]
    [InlineData("resource=499b84ac-1321-427f-aa17-267ca6975798&api-version=2017-09-01", EmulatorServer.IdentityHeader, 400, "invalid_request")]
    [InlineData("resource=499b84ac-1321-427f-aa17-267ca6975798&api-version=2019-08-01&client_id=00000000-0000-0000-0000-00000000beef", EmulatorServer.IdentityHeader, 400, "invalid_request")]
    [InlineData("resource=499b84ac-1321-427f-aa17-267ca6975798&api-version=2019-08-01&client_id=" + UserAssignedClientId + "&mi_res_id=x", EmulatorServer.IdentityHeader, 400, "invalid_request")]
    public async Task BadRequestsGetAnOAuthError(string query, string? header, int expectedStatus, string expectedError)
    {
        await using var server = await EmulatorServer.StartAsync();

        var (status, error) = await GetAsync(server, query, header);

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedError, error.Str("error"));
        Assert.NotEmpty(error.Str("error_description"));
    }

    [Fact]
    public async Task IdentityHeaderComesFromConfiguration()
    {
        await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:IdentityHeader"] = "rotated" });

        var (oldStatus, _) = await GetAsync(server, $"resource={EmulatorServer.AzureDevOps}&api-version=2019-08-01");
        var (newStatus, _) = await GetAsync(server, $"resource={EmulatorServer.AzureDevOps}&api-version=2019-08-01", "rotated");

        Assert.Equal(401, oldStatus);
        Assert.Equal(200, newStatus);
    }
}
