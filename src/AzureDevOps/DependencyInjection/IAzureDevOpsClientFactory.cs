using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;

namespace AspireAgents.AzureDevOps.DependencyInjection;

/// <summary>Creates clients for any organisation over the shared, fully configured HTTP pipeline.</summary>
public interface IAzureDevOpsClientFactory
{
    /// <summary>Creates a client for <paramref name="organizationUrl"/>.</summary>
    /// <param name="organizationUrl">The organisation URL.</param>
    /// <param name="authentication">Authentication for this client instead of the configured default (e.g. a per-trigger PAT).</param>
    /// <returns>The client; cheap to create, safe to drop.</returns>
    IAzureDevOpsClient Create(Uri organizationUrl, AzureDevOpsAuthentication? authentication = null);
}
