using System.Text.Json.Nodes;

namespace AspireAgents.Hosting.Tests.Infrastructure.Azd;

/// <summary>
/// Deploys a compute entry's module offline, the way azd does (service_target_dotnet_containerapp.go l.350–410): the
/// executed <c>.bicepparam</c> written as <c>main.bicepparam</c> next to a copy of the module in a folder of its own,
/// compiled with <c>bicep build-params</c>, then evaluated by ARM's template engine (<c>bicep snapshot</c>).
/// </summary>
internal static class AzdDeployment
{
    /// <summary>The resources the deployment would create, with every expression evaluated.</summary>
    public static JsonArray Predict(string manifestDirectory, JsonObject resources, string resourceName)
    {
        var generation = new AzdGeneration(resources);
        var parameters = generation.ExecuteTemplate(resourceName, generation.DeploymentTemplate(resourceName));
        var modulePath = Path.Combine(manifestDirectory, (string)resources[resourceName]!["deployment"]!["path"]!);

        var folder = Directory.CreateTempSubdirectory($"{resourceName}-build");
        try
        {
            File.Copy(modulePath, Path.Combine(folder.FullName, Path.GetFileName(modulePath)));
            var parametersPath = Path.Combine(folder.FullName, "main.bicepparam");
            File.WriteAllText(parametersPath, parameters);

            var build = BicepCompiler.BuildParams(parametersPath);
            Assert.True(build.ExitCode == 0, $"bicep build-params of {resourceName} failed, as it would in azd:\n{string.Join('\n', build.Diagnostics)}\n{parameters}");
            return BicepCompiler.Snapshot(parametersPath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
