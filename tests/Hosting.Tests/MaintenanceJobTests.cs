using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

public sealed class MaintenanceJobTests
{
    private static IDistributedApplicationBuilder PublishModeBuilder() =>
        DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", Path.GetTempPath()]);

    private static IDistributedApplicationBuilder RunModeBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });

    private static ContainerAppJobResource Compose(IDistributedApplicationBuilder builder, Action<IResourceBuilder<ContainerAppJobResource>>? configure = null)
    {
        TestModel.Compose(configureJob: m => m.Agents.WithAzureDevOpsIdentity(m.AgentsIdentity), maintenance: true)(builder);
        var job = builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents-maintenance");
        configure?.Invoke(builder.CreateResourceBuilder(job));
        return job;
    }

    [Fact]
    public void TheMaintenanceJobIsAScheduledJobOfTheAgentJobsImagePoolAndIdentity()
    {
        var job = Compose(PublishModeBuilder());

        var (_, settings) = ContainerAppJobPublisher.GetDeployment(job);

        Assert.Equal(ContainerAppJobTriggerType.Schedule, job.TriggerType);
        Assert.Equal("maintenance", settings["role"]);
        Assert.Null(settings["scale"]);
        var schedule = Assert.IsType<OrderedDictionary<string, object?>>(settings["schedule"]);
        Assert.Equal("*/15 * * * *", schedule["cronExpression"]);
        Assert.Equal((1, 1), (settings["parallelism"], settings["replicaCompletionCount"]));
        Assert.Equal(("aca-agents", "userIdentity", 300), (settings["poolName"], settings["azureDevOpsAuthentication"], settings["replicaTimeout"]));
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["AZP_MAINTENANCE"] = "true",
                ["AZP_MAINTENANCE_AGENT_PATTERN"] = "agents-[a-z0-9]+-[a-z0-9]+",
                ["AZP_MAINTENANCE_GRACE_SECONDS"] = "1800",
                ["AZP_AGENT_NAME"] = "placeholder",
                ["AZP_PLACEHOLDER"] = "1",
            },
            // The environment's telemetry export (ContainerAppTelemetry) comes on top, as for every job.
            Environment(settings).Where(variable => !variable.Key.StartsWith("OTEL_", StringComparison.Ordinal)).ToDictionary());
    }

    [Fact]
    public void ScheduleGracePeriodAndPatternComeFromTheModel()
    {
        var job = Compose(PublishModeBuilder(), maintenance => maintenance
            .WithScheduleTrigger(trigger => trigger.CronExpression = "0 * * * *")
            .WithMaintenance(m =>
            {
                m.GracePeriod = TimeSpan.FromMinutes(45);
                m.AgentNamePattern = "ci-[0-9]+";
            }));

        var (_, settings) = ContainerAppJobPublisher.GetDeployment(job);

        Assert.Equal("0 * * * *", ((OrderedDictionary<string, object?>)settings["schedule"]!)["cronExpression"]);
        var environment = Environment(settings).ToDictionary();
        Assert.Equal(("2700", "ci-[0-9]+"), (environment["AZP_MAINTENANCE_GRACE_SECONDS"], environment["AZP_MAINTENANCE_AGENT_PATTERN"]));
    }

    [Theory]
    [InlineData("*/15 * * *", null, "Job 'agents-maintenance' schedule trigger: schedule '*/15 * * *' has 4 fields")]
    [InlineData("*/15 * * * *", -1, "Job 'agents-maintenance' maintenance: grace period -00:00:01 must be a whole number of seconds, 0 or more")]
    public void ASettingAzureWouldRefuseStopsTheModelNamingIt(string cron, int? graceSeconds, string message)
    {
        var error = Assert.Throws<DistributedApplicationException>(() => Compose(PublishModeBuilder(), maintenance =>
        {
            maintenance.WithScheduleTrigger(trigger => trigger.CronExpression = cron);
            if (graceSeconds is { } seconds)
            {
                maintenance.WithMaintenance(m => m.GracePeriod = TimeSpan.FromSeconds(seconds));
            }
        }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMaintenanceJobNeedsThePlaceholderJob()
    {
        var builder = PublishModeBuilder();
        TestModel.Compose()(builder);
        var agents = builder.CreateResourceBuilder(builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents"));

        Assert.Throws<ArgumentException>(() => builder.AddMaintenanceJob("agents-maintenance", agents));
    }

    [Fact]
    public void UnderDotnetRunItIsADashboardResourceWithTheStartCommandAndTheEmulationsAgentNames()
    {
        var builder = RunModeBuilder();
        var job = Compose(builder);

        Assert.Equal(ContainerAppJobTriggerType.Schedule, job.TriggerType);
        Assert.Contains(job.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == "start-execution");
        var environment = ContainerAppJobSettings.MaintenanceEnvironment(job, runMode: true).ToDictionary();
        var pattern = new Regex($"^(?:{environment["AZP_MAINTENANCE_AGENT_PATTERN"]})$");
        // The emulation names an execution <job>-<6 hex digits> and a retried replica …-r<n>; the maintenance job's own
        // executions, and a sibling job's, are not the agent job's.
        Assert.Matches(pattern, "agents-0a1b2c");
        Assert.Matches(pattern, "agents-0a1b2c-r1");
        Assert.DoesNotMatch(pattern, "agents-maintenance-0a1b2c");
        Assert.DoesNotMatch(pattern, "agents-placeholder");
    }

    private static IEnumerable<KeyValuePair<string, object?>> Environment(OrderedDictionary<string, object?> settings) =>
        Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(settings["environment"]);
}
