namespace Aspire.Hosting.ApplicationModel;

/// <summary>The Azure DevOps organisation and agent pool a job's agents join (<c>AZP_URL</c>, <c>AZP_POOL</c>).</summary>
/// <param name="organizationUrl">The organisation URL, for example <c>https://dev.azure.com/contoso</c>.</param>
/// <param name="poolName">The agent pool name.</param>
public sealed class AzurePipelinesPoolAnnotation(string organizationUrl, string poolName) : IResourceAnnotation
{
    /// <summary>Gets the organisation URL.</summary>
    public string OrganizationUrl { get; } = organizationUrl ?? throw new ArgumentNullException(nameof(organizationUrl));

    /// <summary>Gets the agent pool name.</summary>
    public string PoolName { get; } = poolName ?? throw new ArgumentNullException(nameof(poolName));
}
