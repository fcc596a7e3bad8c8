using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AspireAgents.Hosting.Tests.Infrastructure;
using static AspireAgents.Hosting.Tests.Infrastructure.ArmAssert;

namespace AspireAgents.Hosting.Tests;

public class AgentJobTests
{
    private const string JobType = "Microsoft.App/jobs";

    private static async Task<JsonObject> DeployedJobAsync(Action<TestModel>? configureJob = null, string name = "agents", Action<TestModel>? configureEnvironment = null)
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(configureEnvironment, configureJob));
        return Single(DeployedModules.Predict(manifest, name), JobType);
    }

    private static JsonArray Env(JsonObject job) => At(job, "properties.template.containers.0.env")!.AsArray();

    private static string? EnvValue(JsonObject job, string name) =>
        (string?)Env(job).SingleOrDefault(e => (string?)e!["name"] == name)?["value"];

    private static bool HasEnv(JsonObject job, string name) => Env(job).Any(e => (string?)e!["name"] == name);

    [Fact]
    public async Task AgentJobEmitsEventTriggerFromTheModel()
    {
        var job = await DeployedJobAsync(m => m.Agents
            .WithEventTrigger(t =>
            {
                t.PollingInterval = TimeSpan.FromSeconds(15);
                t.MinExecutions = 1;
                t.MaxExecutions = 7;
                t.Parallelism = 3;
                t.ReplicaCompletionCount = 2;
            })
            .WithReplicas(r =>
            {
                r.ReplicaTimeout = TimeSpan.FromMinutes(45);
                r.ReplicaRetryLimit = 2;
                r.Cpu = 1.5;
                r.Memory = "3Gi";
            }));

        var configuration = At(job, "properties.configuration");
        Assert.Equal("Event", Text(configuration, "triggerType"));
        Assert.Equal(2700, Int(configuration, "replicaTimeout"));
        Assert.Equal(2, Int(configuration, "replicaRetryLimit"));
        Assert.Equal(3, Int(configuration, "eventTriggerConfig.parallelism"));
        Assert.Equal(2, Int(configuration, "eventTriggerConfig.replicaCompletionCount"));
        Assert.Equal(15, Int(configuration, "eventTriggerConfig.scale.pollingInterval"));
        Assert.Equal(1, Int(configuration, "eventTriggerConfig.scale.minExecutions"));
        Assert.Equal(7, Int(configuration, "eventTriggerConfig.scale.maxExecutions"));
        Assert.Null(At(configuration, "manualTriggerConfig"));
        Assert.Equal(1.5, At(job, "properties.template.containers.0.resources.cpu")!.GetValue<double>());
        Assert.Equal("3Gi", Text(job, "properties.template.containers.0.resources.memory"));
    }

    [Fact]
    public async Task AgentJobDefaultsFollowTheAzurePipelinesTutorial()
    {
        var job = await DeployedJobAsync();

        var configuration = At(job, "properties.configuration");
        Assert.Equal(
            (1800, 0, 1, 1, 30, 0, 10),
            (Int(configuration, "replicaTimeout"), Int(configuration, "replicaRetryLimit"),
             Int(configuration, "eventTriggerConfig.parallelism"), Int(configuration, "eventTriggerConfig.replicaCompletionCount"),
             Int(configuration, "eventTriggerConfig.scale.pollingInterval"), Int(configuration, "eventTriggerConfig.scale.minExecutions"),
             Int(configuration, "eventTriggerConfig.scale.maxExecutions")));
        Assert.Equal(2.0, At(job, "properties.template.containers.0.resources.cpu")!.GetValue<double>());
        Assert.Equal("4Gi", Text(job, "properties.template.containers.0.resources.memory"));
        Assert.Equal("<agents.containerImage>", Text(job, "properties.template.containers.0.image"));
        Assert.Equal("<aca.outputs.id>", Text(job, "properties.environmentId"));
        Assert.Equal("Consumption", Text(job, "properties.workloadProfileName"));
    }

    [Fact]
    public async Task BuiltInRuleReadsThePoolWithTheSystemIdentityAndASecretOrganizationUrl()
    {
        var job = await DeployedJobAsync(m => m.Agents.WithAzurePipelinesScaleRule(md =>
        {
            md.TargetPipelinesQueueLength = 2;
            md.Demands.Add("Agent.OS -equals Linux");
            md.Demands.Add("docker");
            md.FetchUnfinishedJobsOnly = true;
        }));

        var rule = Assert.Single(At(job, "properties.configuration.eventTriggerConfig.scale.rules")!.AsArray())!;
        Assert.Equal("azure-pipelines", Text(rule, "type"));
        Assert.Equal("system", Text(rule, "identity"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["poolName"] = TestModel.Pool,
                ["targetPipelinesQueueLength"] = "2",
                ["demands"] = "Agent.OS -equals Linux,docker",
                ["fetchUnfinishedJobsOnly"] = "true",
            },
            rule["metadata"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));

        var auth = Assert.Single(rule["auth"]!.AsArray())!;
        Assert.Equal(("organization-url", "organizationURL"), (Text(auth, "secretRef"), Text(auth, "triggerParameter")));
        var secret = Assert.Single(At(job, "properties.configuration.secrets")!.AsArray())!;
        Assert.Equal(("organization-url", TestModel.OrganizationUrl), (Text(secret, "name"), Text(secret, "value")));
    }

    [Fact]
    public async Task JobHasSystemIdentityForAzureDevOpsAndPullsWithTheUserIdentity()
    {
        var job = await DeployedJobAsync();

        Assert.Equal("SystemAssigned,UserAssigned", Text(job, "identity.type"));
        Assert.Equal(["<pull-identity.outputs.id>"], At(job, "identity.userAssignedIdentities")!.AsObject().Select(p => p.Key));
        var registry = Assert.Single(At(job, "properties.configuration.registries")!.AsArray())!;
        Assert.Equal("<registry.outputs.AZURE_CONTAINER_REGISTRY_ENDPOINT>", Text(registry, "server"));
        Assert.Equal("<pull-identity.outputs.id>", Text(registry, "identity"));
        Assert.Null(At(registry, "passwordSecretRef"));
    }

    [Fact]
    public async Task AgentContainerGetsOrganizationAndPoolButNoClientIdWithTheSystemIdentity()
    {
        var job = await DeployedJobAsync();

        Assert.Equal(TestModel.OrganizationUrl, EnvValue(job, "AZP_URL"));
        Assert.Equal(TestModel.Pool, EnvValue(job, "AZP_POOL"));
        Assert.False(HasEnv(job, "AZURE_CLIENT_ID"));
        Assert.False(HasEnv(job, "AZP_TOKEN"));
        Assert.False(HasEnv(job, "AZP_PLACEHOLDER"));
        Assert.False(HasEnv(job, "AZP_AGENT_NAME"));
    }

    [Fact]
    public async Task UserAssignedIdentityForAzureDevOpsGivesTheRuleItsIdAndTheAgentItsClientId()
    {
        var job = await DeployedJobAsync(m => m.Agents.WithAzureDevOpsIdentity(m.AgentsIdentity));

        Assert.Equal("<agents-identity.outputs.id>", Text(job, "properties.configuration.eventTriggerConfig.scale.rules.0.identity"));
        Assert.Equal("<agents-identity.outputs.clientId>", EnvValue(job, "AZURE_CLIENT_ID"));
        Assert.Equal("UserAssigned", Text(job, "identity.type"));
        Assert.Equal(
            ["<agents-identity.outputs.id>", "<pull-identity.outputs.id>"],
            At(job, "identity.userAssignedIdentities")!.AsObject().Select(i => i.Key).Order());
        Assert.Null(At(job, "tags.aspireagentsPoolRole"));
    }

    [Fact]
    public async Task PersonalAccessTokenReplacesTheIdentityInTheRuleAndTheAgent()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(configureJob: m =>
            m.Agents.WithPersonalAccessToken(m.Runner.ApplicationBuilder.AddParameter("azp-pat", secret: true))));

        Assert.Equal("parameter.v0", (string?)manifest["azp-pat"]["type"]);
        Assert.True((bool)manifest["azp-pat"]["inputs"]!["value"]!["secret"]!);
        Assert.Equal("{azp-pat.value}", (string?)manifest["agents"]["deployment"]!["params"]!["personalAccessToken"]);

        var job = Single(DeployedModules.Predict(manifest, "agents"), JobType);
        var rule = At(job, "properties.configuration.eventTriggerConfig.scale.rules.0")!;
        Assert.Null(At(rule, "identity"));
        Assert.Equal(
            ["organizationURL:organization-url", "personalAccessToken:personal-access-token"],
            rule["auth"]!.AsArray().Select(a => $"{Text(a, "triggerParameter")}:{Text(a, "secretRef")}").Order());
        var token = Assert.Single(Env(job), e => Text(e, "name") == "AZP_TOKEN")!;
        Assert.Equal("personal-access-token", Text(token, "secretRef"));
        Assert.Null(At(token, "value"));
        Assert.Contains(At(job, "properties.configuration.secrets")!.AsArray(),
            s => Text(s, "name") == "personal-access-token" && Text(s, "value") == "[parameters('personalAccessToken')]");

        // The placeholder registers with the token as well.
        var placeholder = Single(DeployedModules.Predict(manifest, "agents-placeholder"), JobType);
        Assert.Equal("personal-access-token", Text(Assert.Single(Env(placeholder), e => Text(e, "name") == "AZP_TOKEN"), "secretRef"));
    }

    [Fact]
    public async Task ExternalRulePointsAtTheScalerDeployedAsAnInternalHttp2ContainerApp()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(configureJob: m =>
            m.WithExternalScaler(md => md.Demands.Add("docker"))));

        var job = Single(DeployedModules.Predict(manifest, "agents"), JobType);
        var rule = Assert.Single(At(job, "properties.configuration.eventTriggerConfig.scale.rules")!.AsArray())!;
        Assert.Equal("external", Text(rule, "type"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["scalerAddress"] = "scaler.internal.<aca.outputs.defaultDomain>:443",
                ["enableTLS"] = "true",
                ["organizationURL"] = TestModel.OrganizationUrl,
                ["poolName"] = TestModel.Pool,
                ["targetPipelinesQueueLength"] = "1",
                ["demands"] = "docker",
            },
            rule["metadata"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));
        Assert.Null(At(rule, "auth"));
        Assert.Null(At(rule, "identity"));
        Assert.Empty(At(job, "properties.configuration.secrets")!.AsArray());

        var scalerEntry = manifest["scaler"];
        Assert.Equal("project.v1", (string?)scalerEntry["type"]);
        Assert.Equal("{scaler.containerImage}", (string?)scalerEntry["deployment"]!["params"]!["image"]);
        var app = Single(DeployedModules.Predict(manifest, "scaler"), "Microsoft.App/containerApps");
        Assert.Equal("scaler", Text(app, "name"));
        Assert.Equal("UserAssigned", Text(app, "identity.type"));
        Assert.Equal("<scaler-identity.outputs.clientId>", Text(
            At(app, "properties.template.containers.0.env")!.AsArray().Single(e => Text(e, "name") == "AZURE_CLIENT_ID"), "value"));
        Assert.Equal("http2", Text(app, "properties.configuration.ingress.transport"));
        Assert.False(At(app, "properties.configuration.ingress.external")!.GetValue<bool>());
        Assert.False(At(app, "properties.configuration.ingress.allowInsecure")!.GetValue<bool>());
        Assert.Equal(8080, Int(app, "properties.configuration.ingress.targetPort"));
        Assert.Equal("<pull-identity.outputs.id>", Text(app, "properties.configuration.registries.0.identity"));
        Assert.Equal("<aca.outputs.id>", Text(app, "properties.environmentId"));
        Assert.Equal(1, Int(app, "properties.template.scale.minReplicas"));
    }

    [Fact]
    public async Task PlaceholderJobIsManualAndRegistersAnAgentNamedPlaceholder()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());

        var placeholder = Single(DeployedModules.Predict(manifest, "agents-placeholder"), JobType);
        Assert.Equal("agents-placeholder", Text(placeholder, "name"));
        var configuration = At(placeholder, "properties.configuration");
        Assert.Equal("Manual", Text(configuration, "triggerType"));
        Assert.Equal((1, 1), (Int(configuration, "manualTriggerConfig.parallelism"), Int(configuration, "manualTriggerConfig.replicaCompletionCount")));
        Assert.Null(At(configuration, "eventTriggerConfig"));
        Assert.Empty(At(configuration, "secrets")!.AsArray());
        Assert.Equal("1", EnvValue(placeholder, "AZP_PLACEHOLDER"));
        Assert.Equal("placeholder", EnvValue(placeholder, "AZP_AGENT_NAME"));
        Assert.Equal(TestModel.OrganizationUrl, EnvValue(placeholder, "AZP_URL"));
        Assert.Equal(TestModel.Pool, EnvValue(placeholder, "AZP_POOL"));
        Assert.Equal("<agents-placeholder.containerImage>", Text(placeholder, "properties.template.containers.0.image"));
        Assert.Equal("<pull-identity.outputs.id>", Text(placeholder, "properties.configuration.registries.0.identity"));
        Assert.Equal("placeholder", Text(placeholder, "tags.aspireagentsRole"));

        var agents = Single(DeployedModules.Predict(manifest, "agents"), JobType);
        Assert.Equal("agent", Text(agents, "tags.aspireagentsRole"));
    }

    [Fact]
    public async Task DedicatedWorkloadProfileMovesTheJobsOntoIt()
    {
        var job = await DeployedJobAsync(configureEnvironment: m => m.Environment.WithDedicatedWorkloadProfile("D4", 0, 2, name: "agents-d4"));

        Assert.Equal("agents-d4", Text(job, "properties.workloadProfileName"));
    }
}
