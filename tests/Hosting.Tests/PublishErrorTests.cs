using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AspireAgents.Hosting.Tests.Infrastructure;
using static AspireAgents.Hosting.Tests.Infrastructure.ArmAssert;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests;

public class PublishErrorTests
{
    public static TheoryData<string, string> ImpossibleConfigurations => new()
    {
        { "internal-without-subnet", "is internal but has no infrastructure subnet id" },
        { "subnet-not-a-subnet-id", "is not a subnet resource id" },
        { "zones-without-network", "zone redundancy needs an infrastructure subnet" },
        { "profile-min-above-max", "minimum count 5 and maximum count 2" },
        { "profile-without-type", "a dedicated workload profile needs a type such as D4" },
        { "environment-without-logs", "has no Log Analytics workspace" },
        { "external-rule-without-scaler", "has an external scale rule but no scaler" },
        { "strategy-aca-cannot-express", "uses the KEDA scaling strategy 'Accurate', which Azure Container Apps jobs cannot express" },
        { "custom-strategy-without-percentage", "the custom strategy needs customScalingRunningJobPercentage" },
        { "min-executions-above-max", "min executions 5 is above max executions 2" },
        { "completion-above-parallelism", "replica completion count 3 must be between 1 and the parallelism (2)" },
        { "organization-url-trailing-slash", "ends with '/'" },
        { "jobs-to-fetch-with-parent", "cannot specify both jobsToFetch and parent" },
        { "job-name-not-allowed-in-azure", "a container apps job name has 2 to 32 lowercase letters" },
        { "job-without-environment", "has no container apps environment" },
        { "job-without-registry", "has no registry to pull its image from" },
        { "workload-profile-missing", "workload profile 'gpu' does not exist in environment 'aca'" },
        { "pat-not-secret", "must be secret" },
        { "standby-with-built-in-rule", "asks for standby agents (standbyAgents/standbySchedule), which KEDA's built-in azure-pipelines rule does not know" },
        { "standby-schedule-bad-zone", "standbySchedule: window \"Mon-Fri 07:00-19:00 Europe/Nowhere=3\": time zone \"Europe/Nowhere\"" },
        { "standby-agents-not-a-count", "standbyAgents 'many' must be a whole number from 0 to 1000, or auto" },
        { "idle-timeout-beyond-replica-timeout", "idle timeout 00:40:00 must be a whole number of seconds, at least 1 and below the replica timeout" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleConfigurations))]
    public async Task ImpossibleConfigurationFailsPublishingWithAMessageNamingTheFix(string configuration, string message)
    {
        var exception = await PublishedManifest.PublishFailureAsync(builder => Compose(builder, configuration));

        var messages = Flatten(exception).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
        Assert.Contains(Flatten(exception), e => e is DistributedApplicationException);
    }

    [Fact]
    public async Task TheSameSettingsPublishWhenPossible()
    {
        // The counterpart of the failures above: a valid variant of each setting publishes.
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(
            configureEnvironment: m => m.Environment
                .WithVirtualNetwork(EnvironmentOptionsTests.SubnetId, @internal: true)
                .WithZoneRedundancy()
                .WithDedicatedWorkloadProfile("D4", 2, 5),
            configureJob: m => m.Agents
                .WithScalingStrategy(KedaScalingStrategy.Default)
                .WithEventTrigger(t => { t.MinExecutions = 2; t.MaxExecutions = 5; t.Parallelism = 2; t.ReplicaCompletionCount = 2; })
                .WithAzurePipelinesScaleRule(md => { md.Parent = "template"; md.FetchUnfinishedJobsOnly = true; md.StandbyAgents = "0"; })));

        Assert.Equal("agents", Text(ArmAssert.Single(DeployedModules.Predict(manifest, "agents"), "Microsoft.App/jobs"), "name"));
    }

    private static void Compose(IDistributedApplicationBuilder builder, string configuration)
    {
        if (configuration == "environment-without-logs")
        {
            builder.AddAzureContainerAppsEnvironment("aca");
            return;
        }

        if (configuration is "job-without-environment" or "job-without-registry")
        {
            var registry = builder.AddAzureContainerRegistry("registry");
            var identity = builder.AddAzureManagedIdentity("pull-identity").WithAcrPull(registry);
            var environment = builder.AddAzureContainerAppsEnvironment("aca").WithLogAnalyticsWorkspace(builder.AddAzureLogAnalyticsWorkspace("logs"));
            var job = builder.AddContainerAppJob("agents", "agent:1").WithAzurePipelinesPool(TestModel.OrganizationUrl, TestModel.Pool);
            _ = configuration == "job-without-environment" ? job.WithImagePull(registry, identity) : job.WithContainerAppsEnvironment(environment);
            return;
        }

        TestModel.Compose(
            configureEnvironment: m => _ = configuration switch
            {
                "internal-without-subnet" => m.Environment.WithVirtualNetwork(null, @internal: true),
                "subnet-not-a-subnet-id" => m.Environment.WithVirtualNetwork("vnet/aca"),
                "zones-without-network" => m.Environment.WithZoneRedundancy(),
                "profile-min-above-max" => m.Environment.WithDedicatedWorkloadProfile("D4", minimumCount: 5, maximumCount: 2),
                "profile-without-type" => m.Environment.WithDedicatedWorkloadProfile(" "),
                _ => m.Environment,
            },
            configureJob: m => _ = configuration switch
            {
                "external-rule-without-scaler" => m.Agents.WithAnnotation(
                    new ContainerAppJobScaleRuleAnnotation { RuleType = ContainerAppJobScaleRuleType.External }, ResourceAnnotationMutationBehavior.Replace),
                "strategy-aca-cannot-express" => m.Agents.WithScalingStrategy(KedaScalingStrategy.Accurate),
                "custom-strategy-without-percentage" => m.Agents.WithScalingStrategy(KedaScalingStrategy.Custom, customScalingQueueLengthDeduction: 1),
                "min-executions-above-max" => m.Agents.WithEventTrigger(t => { t.MinExecutions = 5; t.MaxExecutions = 2; }),
                "completion-above-parallelism" => m.Agents.WithEventTrigger(t => { t.Parallelism = 2; t.ReplicaCompletionCount = 3; }),
                "organization-url-trailing-slash" => m.Agents.WithAzurePipelinesPool(TestModel.OrganizationUrl + "/", TestModel.Pool),
                "jobs-to-fetch-with-parent" => m.Agents.WithAzurePipelinesScaleRule(md => { md.JobsToFetch = 100; md.Parent = "template"; }),
                "workload-profile-missing" => m.Agents.WithContainerAppsEnvironment(m.Environment, workloadProfileName: "gpu"),
                "pat-not-secret" => m.Agents.WithPersonalAccessToken(m.Runner.ApplicationBuilder.AddParameter("azp-pat", "not-a-secret")),
                "standby-with-built-in-rule" => m.Agents.WithAzurePipelinesScaleRule(md => md.StandbyAgents = "2"),
                "standby-schedule-bad-zone" => m.WithExternalScaler(md => md.StandbySchedule = "Mon-Fri 07:00-19:00 Europe/Nowhere=3"),
                "standby-agents-not-a-count" => m.WithExternalScaler(md => md.StandbyAgents = "many"),
                "idle-timeout-beyond-replica-timeout" => m.Agents.WithReplicas(r => r.IdleTimeout = TimeSpan.FromMinutes(40)),
                _ => m.Agents,
            })(builder);

        if (configuration == "job-name-not-allowed-in-azure")
        {
            builder.AddContainerAppJob("Agents-With-Capitals", "agent:1");
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
