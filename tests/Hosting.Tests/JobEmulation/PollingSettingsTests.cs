using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using Aspire.Hosting.Publishing;
using AspireAgents.Hosting.Tests.Infrastructure;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class PollingSettingsTests
{
    public static TheoryData<string> InvalidSettings => new()
    {
        "max-executions-zero",
        "min-above-max",
        "polling-interval-fraction",
        "completion-above-parallelism",
        "custom-strategy-without-percentage",
        "percentage-without-custom-strategy",
        "target-queue-length-zero",
        "jobs-to-fetch-with-parent",
        "rule-reads-another-organization",
        "organization-url-trailing-slash",
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void RunModeRejectsWhatPublishingRejectsWithTheSameMessage(string configuration)
    {
        var job = Agents(configuration);

        var published = Assert.Throws<DistributedApplicationException>(() => ContainerAppJobPublisher.GetDeployment(job));
        var run = Assert.Throws<DistributedApplicationException>(() => PollingSettings.From(job));

        Assert.Equal(published.Message, run.Message);
    }

    [Fact]
    public void RunModeRejectsTheReplicaLimitsPublishingRejectsWithTheSameMessage()
    {
        var job = Agents(configure: m => m.Agents.WithReplicas(r => r.ReplicaTimeout = TimeSpan.Zero));

        var published = Assert.Throws<DistributedApplicationException>(() => ContainerAppJobPublisher.GetDeployment(job));
        var run = Assert.Throws<DistributedApplicationException>(() => ContainerAppJobSettings.Replica(job));

        Assert.Equal(published.Message, run.Message);
    }

    [Fact]
    public void SettingsComeFromTheAnnotationsWithThePoolAsTheRulesDefault()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });
        var scaler = builder.AddProject("scaler", RunnerProject.Path);
        TestModel.Compose(configureJob: m => m.Agents
            .WithEventTrigger(t => t.MaxExecutions = 4)
            .WithScalingStrategy(KedaScalingStrategy.Accurate)
            .WithLocalScaler(scaler))(builder);
        var job = builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents");

        var settings = PollingSettings.From(job);

        Assert.Equal(4, settings.Scaling.MaxExecutions);
        Assert.Equal(KedaScalingStrategy.Accurate, settings.Scaling.Strategy);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.PollingInterval);
        Assert.Equal(TestModel.Pool, settings.PoolName);
        Assert.Same(scaler.Resource, settings.Scaler);
        Assert.Equal(TestModel.OrganizationUrl, settings.Metadata[AzurePipelinesMetadataKeys.OrganizationUrl]);
        Assert.NotNull(settings.PairingWarning);
        // The annotation keeps what the model gave it: defaults are filled in a copy.
        Assert.Null(job.Annotations.OfType<ContainerAppJobScaleRuleAnnotation>().Single().Metadata.PoolName);
    }

    private static ContainerAppJobResource Agents(string? configuration = null, Action<TestModel>? configure = null)
    {
        var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", Path.GetTempPath()]);
        TestModel.Compose(configureJob: configure ?? (m => Configure(m, configuration!)))(builder);
        return builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents");
    }

    private static void Configure(TestModel model, string configuration)
    {
        var agents = model.Agents;
        _ = configuration switch
        {
            "max-executions-zero" => agents.WithEventTrigger(t => t.MaxExecutions = 0),
            "min-above-max" => agents.WithEventTrigger(t => (t.MinExecutions, t.MaxExecutions) = (5, 2)),
            "polling-interval-fraction" => agents.WithEventTrigger(t => t.PollingInterval = TimeSpan.FromMilliseconds(1500)),
            "completion-above-parallelism" => agents.WithEventTrigger(t => (t.Parallelism, t.ReplicaCompletionCount) = (2, 3)),
            "custom-strategy-without-percentage" => agents.WithScalingStrategy(KedaScalingStrategy.Custom),
            "percentage-without-custom-strategy" => agents.WithScalingStrategy(KedaScalingStrategy.Default, customScalingRunningJobPercentage: 0.5),
            "target-queue-length-zero" => agents.WithAzurePipelinesScaleRule(m => m.TargetPipelinesQueueLength = 0),
            "jobs-to-fetch-with-parent" => agents.WithAzurePipelinesScaleRule(m => (m.JobsToFetch, m.Parent) = (10, "template")),
            "rule-reads-another-organization" => agents.WithAzurePipelinesScaleRule(m => m.OrganizationUrl = "https://dev.azure.com/fabrikam"),
            "organization-url-trailing-slash" => agents.WithAzurePipelinesPool(TestModel.OrganizationUrl + "/", TestModel.Pool),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, null),
        };
    }

}
