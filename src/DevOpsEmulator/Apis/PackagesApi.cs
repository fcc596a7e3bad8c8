using System.Globalization;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Packages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// <c>_apis/distributedtask/packages/agent</c> and the download it points to. The download needs no credentials:
/// Azure DevOps serves agent packages from a public CDN.
/// </summary>
internal static class PackagesApi
{
    /// <summary>The download route, outside the organisation.</summary>
    public const string DownloadRoute = "/_download/agent/{version}/{fileName}";

    public static RouteGroupBuilder MapPackagesApi(this RouteGroupBuilder organization)
    {
        organization.MapGet("/_apis/distributedtask/packages/agent", GetAgentPackages).WithName("GetAgentPackages");
        return organization;
    }

    public static IEndpointRouteBuilder MapAgentDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadRoute, Download).WithName("DownloadAgentPackage");
        return endpoints;
    }

    /// <summary><c>?platform={rid}&amp;top=1</c>: the package for that platform, or an empty list.</summary>
    internal static JsonHttpResult<ListResponse<PackageMetadata>> GetAgentPackages(HttpRequest request, AgentPackageStore store)
    {
        var platform = request.Query["platform"].ToString();
        var top = WireJson.QueryInt(request, "top") ?? WireJson.QueryInt(request, "$top");
        var package = store.Package;
        if (package is null || (platform.Length > 0 && !platform.Equals(package.Platform, StringComparison.OrdinalIgnoreCase)) || top == 0)
        {
            return WireJson.Json(ListResponse<PackageMetadata>.Of([]), WireContext.Instance.ListResponsePackageMetadata);
        }

        var parts = package.Version.Split('.').Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).Concat([0, 0, 0]).ToArray();
        var metadata = new PackageMetadata
        {
            Platform = package.Platform,
            CreatedOn = package.CreatedOn,
            Version = new PackageVersion(parts[0], parts[1], parts[2]),
            DownloadUrl = $"{request.Scheme}://{request.Host}/_download/agent/{package.Version}/{package.FileName}",
            Filename = package.FileName,
            HashValue = package.Sha256,
        };
        return WireJson.Json(ListResponse<PackageMetadata>.Of([metadata]), WireContext.Instance.ListResponsePackageMetadata);
    }

    internal static Results<PhysicalFileHttpResult, NotFound> Download(string version, string fileName, AgentPackageStore store) =>
        store.Package is { } package && package.Version == version && package.FileName.Equals(fileName, StringComparison.Ordinal)
            ? TypedResults.PhysicalFile(package.FilePath, "application/gzip", package.FileName)
            : TypedResults.NotFound();
}
