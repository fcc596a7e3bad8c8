namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Azure Container Apps environment that hosts the agent jobs. Consumption by default; a dedicated workload
/// profile (<see cref="ContainerAppsWorkloadProfileAnnotation"/>), a custom virtual network
/// (<see cref="ContainerAppsVirtualNetworkAnnotation"/>) and zone redundancy
/// (<see cref="ContainerAppsZoneRedundancyAnnotation"/>) are optional. Logs go to a Log Analytics workspace
/// (<see cref="ContainerAppsLogAnalyticsAnnotation"/>).
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
