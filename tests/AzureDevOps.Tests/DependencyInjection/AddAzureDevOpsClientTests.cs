using System.Net;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.DependencyInjection;
using AspireAgents.AzureDevOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace AspireAgents.AzureDevOps.Tests.DependencyInjection;

public class AddAzureDevOpsClientTests
{
    [Fact]
    public async Task TheInjectedClientTalksToTheConfiguredOrganizationWithTheConfiguredPat()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(Fixtures.Pools));
        var services = new ServiceCollection();
        services.AddAzureDevOpsClient(options =>
        {
            options.OrganizationUrl = Fixtures.Organization;
            options.Authentication = AzureDevOpsAuthenticationMode.PersonalAccessToken;
            options.PersonalAccessToken = "pat";
        }).ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAzureDevOpsClient>().GetPoolsAsync();

        var request = Assert.Single(stub.Requests);
        Assert.StartsWith("https://dev.azure.com/contoso/_apis/", request.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", request.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceDefaultsGenericRetryHandlerIsRemovedSoOnlyTheClientsOwnRetriesApply()
    {
        var stub = new StubHandler((_, _) => StubHandler.Status(HttpStatusCode.InternalServerError));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        services.AddAzureDevOpsClient(options =>
        {
            options.OrganizationUrl = Fixtures.Organization;
            options.Authentication = AzureDevOpsAuthenticationMode.PersonalAccessToken;
            options.PersonalAccessToken = "pat";
            options.Http.MaxAttempts = 1;
        }).ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<AzureDevOpsException>(() => provider.GetRequiredService<IAzureDevOpsClient>().GetPoolsAsync());

        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task ClientsFromTheFactoryShareOneRateLimitGate()
    {
        var stub = new StubHandler((_, n) =>
        {
            var response = StubHandler.Status(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new(TimeSpan.FromSeconds(30));
            return response;
        });
        var services = new ServiceCollection();
        services.AddAzureDevOpsClient(options =>
        {
            options.PersonalAccessToken = "pat";
            options.Http.MaxAttempts = 1;
        }).ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IAzureDevOpsClientFactory>();

        await Assert.ThrowsAsync<AzureDevOpsException>(() => factory.Create(Fixtures.Organization).GetPoolsAsync());

        Assert.True(provider.GetRequiredService<AspireAgents.AzureDevOps.Http.RateLimitGate>().RemainingDelay("https://dev.azure.com/contoso") > TimeSpan.FromSeconds(25));
    }

    [Fact]
    public void WithoutAnOrganizationUrlTheInjectedClientExplainsWhatToSet()
    {
        var services = new ServiceCollection();
        services.AddAzureDevOpsClient(options => options.PersonalAccessToken = "pat");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IAzureDevOpsClient>());

        Assert.Contains("AzureDevOps:OrganizationUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoUsesManagedIdentityWhenTheEnvironmentOffersOneEvenWithAPat()
    {
        var options = new AzureDevOpsClientOptions { PersonalAccessToken = "pat" };

        var authentication = AzureDevOpsAuthenticationFactory.Create(options, environment: name => name == "IDENTITY_ENDPOINT" ? "http://127.0.0.1:1/msi/token" : null);

        Assert.IsType<TokenCredentialAuthentication>(authentication);
        Assert.Equal("ManagedIdentityCredential", authentication.Description);
    }

    [Fact]
    public void AutoFallsBackToThePatWhenTheEnvironmentOffersNoIdentity()
    {
        var options = new AzureDevOpsClientOptions { PersonalAccessToken = "pat" };

        var authentication = AzureDevOpsAuthenticationFactory.Create(options, environment: _ => null);

        Assert.IsType<PersonalAccessTokenAuthentication>(authentication);
    }

    [Fact]
    public void PatModeWithoutAPatNamesTheSettingToFill()
    {
        var options = new AzureDevOpsClientOptions { Authentication = AzureDevOpsAuthenticationMode.PersonalAccessToken };

        var error = Assert.Throws<InvalidOperationException>(() => AzureDevOpsAuthenticationFactory.Create(options, environment: _ => null));

        Assert.Contains("AzureDevOps:PersonalAccessToken", error.Message, StringComparison.Ordinal);
    }
}
