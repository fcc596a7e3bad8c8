using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;

namespace AspireAgents.AzureDevOps.DependencyInjection;

/// <summary>The <see cref="IAzureDevOpsClientFactory"/> over <see cref="IHttpClientFactory"/>.</summary>
/// <param name="httpClientFactory">Provides the named client <see cref="Microsoft.Extensions.DependencyInjection.AzureDevOpsServiceCollectionExtensions.HttpClientName"/>.</param>
internal sealed class AzureDevOpsClientFactory(IHttpClientFactory httpClientFactory) : IAzureDevOpsClientFactory
{
    public IAzureDevOpsClient Create(Uri organizationUrl, AzureDevOpsAuthentication? authentication = null) =>
        new AzureDevOpsClient(httpClientFactory.CreateClient(Microsoft.Extensions.DependencyInjection.AzureDevOpsServiceCollectionExtensions.HttpClientName), organizationUrl, authentication);
}
