using System.Text.Json.Nodes;
using Aspire.Hosting;
using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

/// <summary>
/// Where the environment's jobs and apps export is a setting of the environment: its module gets the destinations, and
/// every job and app module in it the references and variables that go with them. The deployed result is rehearsed in
/// <see cref="DeployRehearsalTests"/>.
/// </summary>
public class EnvironmentTelemetryTests
{
    private static async Task<(JsonObject Environment, JsonObject Agents, JsonObject Placeholder)> PublishAsync(Action<TestModel>? configure = null)
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(configureEnvironment: configure));
        return (manifest["aca"]["params"]!.AsObject(), manifest["agents"]["deployment"]!["params"]!.AsObject(),
            manifest["agents-placeholder"]["deployment"]!["params"]!.AsObject());
    }

    [Fact]
    public async Task TheDashboardIsTheDefaultDestinationAndEveryJobReferencesTheDomainAzdShowsItsLinkFrom()
    {
        var (environment, agents, placeholder) = await PublishAsync();

        Assert.True((bool)environment["aspireDashboard"]!);
        Assert.False((bool)environment["applicationInsights"]!);
        foreach (var job in new[] { agents, placeholder })
        {
            Assert.Equal("{aca.outputs.AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN}", (string?)job["aspireDashboardDomain"]);
            Assert.False(job.ContainsKey("applicationInsightsName"));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplicationInsightsAndTheDashboardAreSetIndependently(bool applicationInsightsFirst)
    {
        var (environment, agents, placeholder) = await PublishAsync(m =>
        {
            if (applicationInsightsFirst)
            {
                m.Environment.WithApplicationInsights().WithAspireDashboard(false);
            }
            else
            {
                m.Environment.WithAspireDashboard(false).WithApplicationInsights();
            }
        });

        Assert.False((bool)environment["aspireDashboard"]!);
        Assert.True((bool)environment["applicationInsights"]!);
        foreach (var job in new[] { agents, placeholder })
        {
            Assert.Equal("{aca.outputs.applicationInsightsName}", (string?)job["applicationInsightsName"]);
            Assert.False(job.ContainsKey("aspireDashboardDomain"), "azd would print a link to a dashboard that does not exist");
        }
    }

    [Fact]
    public async Task BothDestinationsCanBeOn()
    {
        var (environment, agents, _) = await PublishAsync(m => m.Environment.WithApplicationInsights());

        Assert.True((bool)environment["aspireDashboard"]!);
        Assert.True((bool)environment["applicationInsights"]!);
        Assert.True(agents.ContainsKey("aspireDashboardDomain"));
        Assert.True(agents.ContainsKey("applicationInsightsName"));
    }
}
