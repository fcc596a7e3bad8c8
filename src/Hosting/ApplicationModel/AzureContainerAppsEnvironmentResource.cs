namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Azure Container Apps environment that hosts the agent jobs. Consumption by default; a dedicated workload
/// profile (<see cref="ContainerAppsWorkloadProfileAnnotation"/>), a custom virtual network
/// (<see cref="ContainerAppsVirtualNetworkAnnotation"/>) and zone redundancy
/// (<see cref="ContainerAppsZoneRedundancyAnnotation"/>) are optional. Logs go to a Log Analytics workspace
/// (<see cref="ContainerAppsLogAnalyticsAnnotation"/>); the apps' and jobs' telemetry to the Aspire dashboard and/or
/// Application Insights (<see cref="ContainerAppsTelemetryAnnotation"/>).
/// </summary>
/// <param name="name">The resource name.</param>
public sealed class AzureContainerAppsEnvironmentResource(string name) : AzureBicepModuleResource(name, "container-apps-environment.bicep")
{
    /// <summary>The name of the workload profile every environment has.</summary>
    public const string ConsumptionWorkloadProfileName = "Consumption";

    /// <summary>Gets the environment's resource id.</summary>
    public BicepOutputReference Id => GetOutput("id");

    /// <summary>Gets the environment's default domain (apps with internal ingress are <c>app.internal.domain</c>).</summary>
    public BicepOutputReference DefaultDomain => GetOutput("defaultDomain");

    /// <summary>
    /// Gets the environment's default domain under the name azd looks for to show the Aspire dashboard's link after a
    /// deploy (container-apps-environment.bicep): referenced only where the environment has the dashboard.
    /// </summary>
    public BicepOutputReference AspireDashboardDomain => GetOutput("AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN");

    /// <summary>Gets the name of the environment's Application Insights component (empty when it has none).</summary>
    public BicepOutputReference ApplicationInsightsName => GetOutput("applicationInsightsName");

    /// <summary>Gets where the environment's apps and jobs export their telemetry.</summary>
    public ContainerAppsTelemetryAnnotation Telemetry =>
        this.TryGetLastAnnotation<ContainerAppsTelemetryAnnotation>(out var telemetry) ? telemetry : new();

    /// <summary>Gets the name of the workload profile apps and jobs run on unless they choose one.</summary>
    public string DefaultWorkloadProfileName =>
        this.TryGetLastAnnotation<ContainerAppsWorkloadProfileAnnotation>(out var profile) ? profile.Name : ConsumptionWorkloadProfileName;

    /// <summary>Gets whether a workload profile of this name exists in the environment.</summary>
    /// <param name="profileName">The workload profile name.</param>
    /// <returns><see langword="true"/> for <c>Consumption</c> and the dedicated profile, if any.</returns>
    public bool HasWorkloadProfile(string profileName) =>
        string.Equals(profileName, ConsumptionWorkloadProfileName, StringComparison.Ordinal) ||
        (this.TryGetLastAnnotation<ContainerAppsWorkloadProfileAnnotation>(out var profile) &&
         string.Equals(profile.Name, profileName, StringComparison.Ordinal));

    internal override void AddParameters(IDictionary<string, object> parameters)
    {
        if (!this.TryGetLastAnnotation<ContainerAppsLogAnalyticsAnnotation>(out var logs))
        {
            throw new DistributedApplicationException(
                $"Container apps environment '{Name}' has no Log Analytics workspace: call WithLogAnalyticsWorkspace(...).");
        }

        parameters["name"] = Name;
        parameters["logAnalyticsWorkspaceName"] = logs.Workspace.NameOutput;

        // azd convention: an empty userPrincipalId marks the module that owns the compute environment.
        parameters["userPrincipalId"] = "";

        parameters["aspireDashboard"] = Telemetry.AspireDashboard;
        parameters["applicationInsights"] = Telemetry.ApplicationInsights;

        if (this.TryGetLastAnnotation<ContainerAppsWorkloadProfileAnnotation>(out var profile))
        {
            profile.Validate(Name);
            parameters["workloadProfileType"] = profile.WorkloadProfileType;
            parameters["workloadProfileName"] = profile.Name;
            parameters["workloadProfileMinimumCount"] = profile.MinimumCount;
            parameters["workloadProfileMaximumCount"] = profile.MaximumCount;
        }

        var hasNetwork = this.TryGetLastAnnotation<ContainerAppsVirtualNetworkAnnotation>(out var network);
        if (hasNetwork)
        {
            network!.Validate(Name);
            parameters["infrastructureSubnetId"] = network.InfrastructureSubnetId!;
            parameters["internal"] = network.Internal;
        }

        if (this.HasAnnotationOfType<ContainerAppsZoneRedundancyAnnotation>())
        {
            if (!hasNetwork)
            {
                throw new DistributedApplicationException(
                    $"Container apps environment '{Name}' is zone redundant but has no virtual network: zone redundancy needs " +
                    "an infrastructure subnet. Call WithVirtualNetwork(infrastructureSubnetId) or remove WithZoneRedundancy().");
            }

            parameters["zoneRedundant"] = true;
        }
    }
}
