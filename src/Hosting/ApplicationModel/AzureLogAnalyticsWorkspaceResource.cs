namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Log Analytics workspace that receives the container apps environment's logs.</summary>
/// <param name="name">The resource name.</param>
public sealed class AzureLogAnalyticsWorkspaceResource(string name) : AzureBicepModuleResource(name, "log-analytics-workspace.bicep")
{
    /// <summary>Gets the workspace's resource name.</summary>
    public BicepOutputReference NameOutput => GetOutput("name");

    internal override void AddParameters(IDictionary<string, object> parameters)
    {
        parameters["name"] = Name;
    }
}
