using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>The AppHost-style composition the tests publish, with hooks to vary one thing at a time.</summary>
internal sealed class TestModel
{
    public const string OrganizationUrl = "https://dev.azure.com/contoso";
    public const string Pool = "aca-agents";

    public IResourceBuilder<AzureLogAnalyticsWorkspaceResource> Logs { get; private set; } = null!;
    public IResourceBuilder<AzureContainerRegistryResource> Registry { get; private set; } = null!;
    public IResourceBuilder<AzureContainerAppsEnvironmentResource> Environment { get; private set; } = null!;
    public IResourceBuilder<AzureManagedIdentityResource> PullIdentity { get; private set; } = null!;
    public IResourceBuilder<AzureManagedIdentityResource> AgentsIdentity { get; private set; } = null!;
    public IResourceBuilder<ProjectResource> Runner { get; private set; } = null!;
    public IResourceBuilder<ContainerAppJobResource> Agents { get; private set; } = null!;
    public IResourceBuilder<ContainerAppJobResource> Placeholder { get; private set; } = null!;
    public IResourceBuilder<ContainerAppJobResource> Maintenance { get; private set; } = null!;

    /// <summary>Deploys the Scaler as the job's external scaler, reading Azure DevOps with an identity of its own.</summary>
    public IResourceBuilder<ContainerAppJobResource> WithExternalScaler(Action<AzurePipelinesTriggerMetadata>? configure = null)
    {
        var builder = Runner.ApplicationBuilder;
        return Agents.WithExternalScaler(builder.AddProject("scaler", RunnerProject.Path), builder.AddAzureManagedIdentity("scaler-identity"), configure);
    }

    /// <summary>
    /// Composes registry, workspace, environment, identity, the agent job over a runner project, its placeholder and,
    /// when asked, the maintenance job.
    /// </summary>
    public static Action<IDistributedApplicationBuilder> Compose(
        Action<TestModel>? configureEnvironment = null, Action<TestModel>? configureJob = null, bool placeholder = true, bool maintenance = false) => builder =>
    {
        var model = new TestModel();
        model.Logs = builder.AddAzureLogAnalyticsWorkspace("logs");
        model.Registry = builder.AddAzureContainerRegistry("registry");
        model.Environment = builder.AddAzureContainerAppsEnvironment("aca").WithLogAnalyticsWorkspace(model.Logs);
        model.PullIdentity = builder.AddAzureManagedIdentity("pull-identity").WithAcrPull(model.Registry);
        model.AgentsIdentity = builder.AddAzureManagedIdentity("agents-identity");
        configureEnvironment?.Invoke(model);

        model.Runner = builder.AddProject("agent-runner", RunnerProject.Path);
        model.Agents = builder.AddContainerAppJob("agents", model.Runner)
            .WithContainerAppsEnvironment(model.Environment)
            .WithImagePull(model.Registry, model.PullIdentity)
            .WithAzurePipelinesPool(OrganizationUrl, Pool)
            .WithAzurePipelinesScaleRule();
        configureJob?.Invoke(model);

        if (placeholder)
        {
            model.Placeholder = builder.AddPlaceholderJob("agents-placeholder", model.Agents);
        }

        if (maintenance)
        {
            model.Maintenance = builder.AddMaintenanceJob("agents-maintenance", model.Placeholder);
        }
    };
}
