using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds and configures an Azure Container Apps environment.</summary>
public static class AzureContainerAppsEnvironmentBuilderExtensions
{
    /// <summary>
    /// Adds a Consumption container apps environment. azd treats it as the AppHost's own compute environment and
    /// creates none of its own. Publish only: under <c>dotnet run</c> the environment is not part of the model.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The environment's resource builder.</returns>
    /// <remarks>
    /// <code>
    /// var logs = builder.AddAzureLogAnalyticsWorkspace("logs");
    /// var environment = builder.AddAzureContainerAppsEnvironment("aca")
    ///     .WithLogAnalyticsWorkspace(logs)
    ///     .WithDedicatedWorkloadProfile("D4", minimumCount: 0, maximumCount: 3);
    /// </code>
    /// </remarks>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> AddAzureContainerAppsEnvironment(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddBicepModuleResource(new AzureContainerAppsEnvironmentResource(name));
    }

    /// <summary>Sends the environment's logs to a Log Analytics workspace.</summary>
    /// <param name="builder">The environment's resource builder.</param>
    /// <param name="workspace">The workspace.</param>
    /// <returns>The environment's resource builder.</returns>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithLogAnalyticsWorkspace(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> builder, IResourceBuilder<AzureLogAnalyticsWorkspaceResource> workspace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workspace);

        return builder.WithAnnotation(new ContainerAppsLogAnalyticsAnnotation(workspace.Resource), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Adds a dedicated workload profile next to Consumption; jobs in the environment run on it unless they choose another.
    /// </summary>
    /// <param name="builder">The environment's resource builder.</param>
    /// <param name="workloadProfileType">The profile type, for example <c>D4</c>.</param>
    /// <param name="minimumCount">The minimum node count.</param>
    /// <param name="maximumCount">The maximum node count.</param>
    /// <param name="name">The profile name. Defaults to <c>dedicated</c>.</param>
    /// <returns>The environment's resource builder.</returns>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithDedicatedWorkloadProfile(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> builder, string workloadProfileType,
        int minimumCount = 0, int maximumCount = 3, string name = "dedicated")
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithAnnotation(
            new ContainerAppsWorkloadProfileAnnotation
            {
                WorkloadProfileType = workloadProfileType,
                Name = name,
                MinimumCount = minimumCount,
                MaximumCount = maximumCount,
            },
            ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Places the environment in a subnet of your virtual network.</summary>
    /// <param name="builder">The environment's resource builder.</param>
    /// <param name="infrastructureSubnetId">The resource id of a subnet delegated to <c>Microsoft.App/environments</c>.</param>
    /// <param name="internal">Whether the environment has only an internal load balancer.</param>
    /// <returns>The environment's resource builder.</returns>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithVirtualNetwork(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> builder, string? infrastructureSubnetId, bool @internal = false)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithAnnotation(
            new ContainerAppsVirtualNetworkAnnotation { InfrastructureSubnetId = infrastructureSubnetId, Internal = @internal },
            ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Makes the environment zone redundant; it needs <see cref="WithVirtualNetwork"/>.</summary>
    /// <param name="builder">The environment's resource builder.</param>
    /// <returns>The environment's resource builder.</returns>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithZoneRedundancy(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithAnnotation(new ContainerAppsZoneRedundancyAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Hosts the Aspire dashboard in the environment (a .NET component) and makes its apps and jobs export their traces,
    /// metrics and logs to it. On by default; its link is <c>https://aspire-dashboard.ext.&lt;environment domain&gt;</c>.
    /// </summary>
    /// <param name="builder">The environment's resource builder.</param>
    /// <param name="enabled"><see langword="false"/> to deploy no dashboard.</param>
    /// <returns>The environment's resource builder.</returns>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithAspireDashboard(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithAnnotation(
            new ContainerAppsTelemetryAnnotation { AspireDashboard = enabled, ApplicationInsights = builder.Resource.Telemetry.ApplicationInsights },
            ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Adds Application Insights on the environment's Log Analytics workspace and makes the environment's apps and jobs
    /// export their traces, metrics and logs to it (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>).
    /// </summary>
    /// <param name="builder">The environment's resource builder.</param>
    /// <param name="enabled"><see langword="false"/> to deploy no Application Insights.</param>
    /// <returns>The environment's resource builder.</returns>
    public static IResourceBuilder<AzureContainerAppsEnvironmentResource> WithApplicationInsights(
        this IResourceBuilder<AzureContainerAppsEnvironmentResource> builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithAnnotation(
            new ContainerAppsTelemetryAnnotation { AspireDashboard = builder.Resource.Telemetry.AspireDashboard, ApplicationInsights = enabled },
            ResourceAnnotationMutationBehavior.Replace);
    }
}
