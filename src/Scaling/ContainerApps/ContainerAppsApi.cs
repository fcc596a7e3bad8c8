using System.Globalization;

namespace AspireAgents.Scaling.ContainerApps;

/// <summary>Where the executions API lives and what it is called with, for the client and the emulation that serves it.</summary>
public static class ContainerAppsApi
{
    /// <summary>
    /// The api-version the executions are read with: the latest stable one whose Jobs.json defines <c>JobsExecutions_List</c>
    /// with <c>nextLink</c> paging (specification/app/resource-manager/Microsoft.App/stable/2024-03-01/Jobs.json).
    /// </summary>
    public const string ApiVersion = "2024-03-01";

    /// <summary>The audience of ARM tokens: what a managed identity asks a token for.</summary>
    public const string ManagementResource = "https://management.azure.com/";

    /// <summary>The resource type of an execution.</summary>
    public const string ExecutionType = "Microsoft.App/jobs/executions";

    /// <summary>The job's ARM resource id.</summary>
    public static string JobId(string subscriptionId, string resourceGroup, string jobName) =>
        string.Create(CultureInfo.InvariantCulture, $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.App/jobs/{jobName}");

    /// <summary>The path of the job's executions list, without the query.</summary>
    public static string ExecutionsPath(string subscriptionId, string resourceGroup, string jobName) =>
        JobId(subscriptionId, resourceGroup, jobName) + "/executions";
}
