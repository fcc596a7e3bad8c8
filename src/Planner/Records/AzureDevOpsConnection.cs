using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AspireAgents.Planner.Records;

/// <summary>
/// The Scaler's Azure DevOps client, configured as the Scaler configures it: the <c>AzureDevOps</c> section
/// (<c>Authentication</c>, <c>ManagedIdentityClientId</c>, <c>PersonalAccessToken</c>, <c>Http</c>), so managed identity
/// by default and a PAT from <c>AzureDevOps__PersonalAccessToken</c> as the fallback (docs/scaler.md).
/// </summary>
public static class AzureDevOpsConnection
{
    /// <summary>Builds the services that provide the client for <paramref name="organizationUrl"/>.</summary>
    /// <param name="organizationUrl">The organisation, e.g. <c>https://dev.azure.com/contoso</c> or the emulator's <c>http://localhost:5180/local</c>.</param>
    /// <param name="configuration">Holds the <c>AzureDevOps</c> section.</param>
    /// <returns>The services; dispose them when done.</returns>
    public static ServiceProvider CreateServices(Uri organizationUrl, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(organizationUrl);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection();
        services.AddAzureDevOpsClient(options =>
        {
            configuration.GetSection(AzureDevOpsClientOptions.SectionName).Bind(options);
            options.OrganizationUrl = organizationUrl;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Reads a pool's finished jobs from <paramref name="organizationUrl"/>.</summary>
    /// <param name="organizationUrl">The organisation.</param>
    /// <param name="configuration">Holds the <c>AzureDevOps</c> section.</param>
    /// <param name="pool">The pool's name.</param>
    /// <param name="top">Asks for at most this many job requests when set.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The recording.</returns>
    public static async Task<JobRecording> ReadJobsAsync(Uri organizationUrl, IConfiguration configuration, string pool, long? top = null, CancellationToken cancellationToken = default)
    {
        await using var services = CreateServices(organizationUrl, configuration);
        var client = services.GetRequiredService<IAzureDevOpsClient>();
        return await AzureDevOpsJobSource.ReadAsync(client, pool, top, cancellationToken).ConfigureAwait(false);
    }
}
