namespace Aspire.Hosting.ApplicationModel;

/// <summary>The managed identity a job uses to call Azure DevOps (scale rule and agent).</summary>
public enum AzureDevOpsIdentity
{
    /// <summary>
    /// The job's system-assigned identity; the scale rule uses <c>identity: 'system'</c>. It exists only once the job is
    /// deployed, so it can be let into Azure DevOps only after the first deployment.
    /// </summary>
    SystemAssigned,

    /// <summary>
    /// A user-assigned identity (<see cref="AzureDevOpsAuthenticationAnnotation.UserAssignedIdentity"/>), created at
    /// provisioning and granted before any job runs; the agents get its <c>AZURE_CLIENT_ID</c>.
    /// </summary>
    UserAssigned,
}
