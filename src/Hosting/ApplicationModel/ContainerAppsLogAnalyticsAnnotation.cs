namespace Aspire.Hosting.ApplicationModel;

/// <summary>Sends a container apps environment's logs to a Log Analytics workspace.</summary>
/// <param name="workspace">The workspace.</param>
public sealed class ContainerAppsLogAnalyticsAnnotation(AzureLogAnalyticsWorkspaceResource workspace) : IResourceAnnotation
{
    /// <summary>Gets the workspace that receives the logs.</summary>
    public AzureLogAnalyticsWorkspaceResource Workspace { get; } = workspace ?? throw new ArgumentNullException(nameof(workspace));
}
