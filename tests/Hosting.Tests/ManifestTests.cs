using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AspireAgents.Hosting.Tests.Infrastructure;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests;

public class ManifestTests
{
    [Fact]
    public async Task AzureResourcesAreBicepEntriesWiredThroughModuleOutputs()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        foreach (var name in new[] { "logs", "registry", "aca", "pull-identity" })
        {
            Assert.Equal("azure.bicep.v0", (string?)manifest[name]["type"]);
            Assert.True(File.Exists(manifest.ModulePath((string)manifest[name]["path"]!)), $"module of {name} was not written");
        }

        Assert.Equal("{logs.outputs.name}", (string?)manifest["aca"]["params"]!["logAnalyticsWorkspaceName"]);
        Assert.Equal("{registry.outputs.name}", (string?)manifest["pull-identity"]["params"]!["registryName"]);
    }

    [Fact]
    public async Task OnlyTheEnvironmentAsksForTheDeployingPrincipalSoAzdLetsTheAppHostOwnCompute()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        var owners = manifest.Resources
            .Where(r => (string?)r.Value!["type"] == "azure.bicep.v0" && (string?)r.Value!["params"]?["userPrincipalId"] == "")
            .Select(r => r.Key);
        Assert.Equal(["aca"], owners);
    }

    [Fact]
    public async Task AgentJobIsAProjectEntryWhoseDeploymentModuleAzdRunsAfterPushingTheImage()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        var job = manifest["agents"];
        Assert.Equal("project.v1", (string?)job["type"]);
        Assert.Equal(RunnerProject.Path, manifest.ModulePath((string)job["path"]!));
        var deployment = job["deployment"]!.AsObject();
        Assert.Equal("azure.bicep.v0", (string?)deployment["type"]);
        Assert.Equal("{agents.containerImage}", (string?)deployment["params"]!["image"]);
        Assert.Equal("{registry.outputs.AZURE_CONTAINER_REGISTRY_ENDPOINT}", (string?)deployment["params"]!["registryEndpoint"]);

        // azd accepts only string values in a deployment's parameters.
        Assert.All(deployment["params"]!.AsObject(), p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value!.GetValueKind()));
    }

    [Fact]
    public async Task RunnerProjectHasNoEntryOfItsOwnBecauseTheJobsDeployIt()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        Assert.False(manifest.Resources.ContainsKey("agent-runner"));
        Assert.DoesNotContain(manifest.Resources, r => (string?)r.Value!["type"] is "project.v0" or "container.v0" or "dockerfile.v0");
    }

    [Fact]
    public async Task EveryOutputReferenceNamesAnOutputTheReferencedModuleDeclares()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(
            configureJob: m => m.WithExternalScaler()));

        var references = manifest.Resources
            .SelectMany(r => AllStrings(r.Value!))
            .SelectMany(AzdParameters.References)
            .Where(r => r.Property.StartsWith("outputs.", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(references);

        foreach (var (resource, property) in references)
        {
            var entry = manifest[resource];
            Assert.Equal("azure.bicep.v0", (string?)entry["type"]);
            var template = BicepCompiler.Build(manifest.ModulePath((string)entry["path"]!)).Template!;
            Assert.True(template["outputs"]!.AsObject().ContainsKey(property["outputs.".Length..]), $"{resource} declares no output {property}");
        }
    }

    [Fact]
    public async Task ImageJobWithoutRegistryHostIsPulledFromTheJobsRegistry()
    {
        using var manifest = await PublishedManifest.PublishAsync(builder =>
        {
            var logs = builder.AddAzureLogAnalyticsWorkspace("logs");
            var registry = builder.AddAzureContainerRegistry("registry");
            var environment = builder.AddAzureContainerAppsEnvironment("aca").WithLogAnalyticsWorkspace(logs);
            var identity = builder.AddAzureManagedIdentity("pull-identity").WithAcrPull(registry);
            builder.AddContainerAppJob("agents", "aspireagents/agent-runner:1.0")
                .WithContainerAppsEnvironment(environment)
                .WithImagePull(registry, identity)
                .WithAzurePipelinesPool(TestModel.OrganizationUrl, TestModel.Pool);
        });

        var job = manifest["agents"];
        Assert.Equal("container.v1", (string?)job["type"]);
        Assert.Equal("aspireagents/agent-runner:1.0", (string?)job["image"]);
        Assert.Equal("{registry.outputs.AZURE_CONTAINER_REGISTRY_ENDPOINT}/aspireagents/agent-runner:1.0", (string?)job["deployment"]!["params"]!["image"]);
    }

    [Fact]
    public async Task RunnerDockerfileMakesTheJobAContainerBuiltByAzd()
    {
        var context = Path.GetDirectoryName(RunnerProject.Path)!;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\n");
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(
            configureJob: m => m.Agents.WithRunnerDockerfile(context, Path.Combine(context, "Dockerfile"))));

        var job = manifest["agents"];
        Assert.Equal("container.v1", (string?)job["type"]);
        Assert.Equal(Path.Combine(context, "Dockerfile"), manifest.ModulePath((string)job["build"]!["dockerfile"]!));
        Assert.Equal("{agents.containerImage}", (string?)job["deployment"]!["params"]!["image"]);
        Assert.Equal("container.v1", (string?)manifest["agents-placeholder"]["type"]);
    }

    [Fact]
    public void RunModeLeavesAzureResourcesOutOfTheModelAndShowsTheJobAsNotStarted()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });
        TestModel.Compose()(builder);

        var names = builder.Resources.Select(r => r.Name).ToList();
        Assert.DoesNotContain("registry", names);
        Assert.DoesNotContain("logs", names);
        Assert.DoesNotContain("aca", names);
        Assert.DoesNotContain("pull-identity", names);
        // The runner is the job's template: the job emulation starts it once per execution.
        Assert.DoesNotContain("agent-runner", names);
        Assert.DoesNotContain(builder.Resources, r => r is IResourceWithParent child && child.Parent.Name == "agent-runner");

        var job = Assert.IsType<ContainerAppJobResource>(builder.Resources.Single(r => r.Name == "agents"));
        Assert.True(job.TryGetLastAnnotation<ResourceSnapshotAnnotation>(out var snapshot));
        Assert.Equal("Not started", snapshot.InitialSnapshot.State?.Text);
        Assert.True(job.TryGetLastAnnotation<ContainerAppJobScaleRuleAnnotation>(out var rule));
        Assert.Equal(ContainerAppJobScaleRuleType.AzurePipelines, rule.RuleType);
    }

    [Fact]
    public void JobSettingsAreAnnotationsReadableWithTryGetLastAnnotation()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });
        TestModel.Compose(configureJob: m => m.Agents
            .WithEventTrigger(t => { t.PollingInterval = TimeSpan.FromSeconds(5); t.MaxExecutions = 4; })
            .WithReplicas(r => r.ReplicaTimeout = TimeSpan.FromMinutes(10))
            .WithScalingStrategy(KedaScalingStrategy.Custom, customScalingQueueLengthDeduction: 1, customScalingRunningJobPercentage: 0.5)
            .WithAzurePipelinesScaleRule(md => md.Demands.Add("java")))(builder);

        var job = builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents");
        Assert.True(job.TryGetLastAnnotation<ContainerAppJobEventTriggerAnnotation>(out var trigger));
        Assert.Equal((TimeSpan.FromSeconds(5), 0, 4, 1, 1), (trigger.PollingInterval, trigger.MinExecutions, trigger.MaxExecutions, trigger.Parallelism, trigger.ReplicaCompletionCount));
        Assert.True(job.TryGetLastAnnotation<ContainerAppJobReplicaAnnotation>(out var replica));
        Assert.Equal(TimeSpan.FromMinutes(10), replica.ReplicaTimeout);
        Assert.True(job.TryGetLastAnnotation<KedaScalingStrategyAnnotation>(out var strategy));
        Assert.Equal((KedaScalingStrategy.Custom, 1, 0.5), (strategy.Strategy, strategy.CustomScalingQueueLengthDeduction, strategy.CustomScalingRunningJobPercentage));
        Assert.True(job.TryGetLastAnnotation<ContainerAppJobScaleRuleAnnotation>(out var rule));
        Assert.Equal(["java"], rule.Metadata.Demands);
        Assert.True(job.TryGetLastAnnotation<AzurePipelinesPoolAnnotation>(out var pool));
        Assert.Equal((TestModel.OrganizationUrl, TestModel.Pool), (pool.OrganizationUrl, pool.PoolName));
    }

    private static IEnumerable<string> AllStrings(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : AllStrings(p.Value)),
        JsonArray a => a.SelectMany(i => i is null ? [] : AllStrings(i)),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
