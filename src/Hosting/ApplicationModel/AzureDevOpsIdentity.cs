namespace Aspire.Hosting.ApplicationModel;

/// <summary>The managed identity a job uses to call Azure DevOps (scale rule and agent).</summary>
public enum AzureDevOpsIdentity
{
    /// <summary>The job's system-assigned identity; the scale rule uses <c>identity: 'system'</c>.</summary>
    SystemAssigned,

    /// <summary>The user-assigned identity that also pulls images; the agent gets its <c>AZURE_CLIENT_ID</c>.</summary>
    UserAssigned,
}
