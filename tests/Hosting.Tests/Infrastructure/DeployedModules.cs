using System.Text.Json.Nodes;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>Evaluates the modules of a published manifest with azd-style parameters.</summary>
internal static class DeployedModules
{
    /// <summary>The module entry of a manifest resource: the entry itself (azure.bicep.v0) or its <c>deployment</c>.</summary>
    public static JsonObject ModuleEntry(JsonObject entry) =>
        (string?)entry["type"] == "azure.bicep.v0" ? entry : entry["deployment"]!.AsObject();

    /// <summary>Every module of the manifest: resource name and module entry.</summary>
    public static IEnumerable<(string Name, JsonObject Module)> All(PublishedManifest manifest) =>
        manifest.Resources
            .Where(r => (string?)r.Value!["type"] == "azure.bicep.v0" || r.Value!["deployment"] is not null)
            .Select(r => (r.Key, ModuleEntry(r.Value!.AsObject())));

    /// <summary>
    /// The resources a manifest entry's module would deploy: a provisioned module with the parameters main.bicep gives
    /// it, a compute entry's deployment through the <c>.bicepparam</c> azd writes (<see cref="Azd.AzdDeployment"/>).
    /// </summary>
    public static JsonArray Predict(PublishedManifest manifest, string resourceName)
    {
        var entry = manifest[resourceName];
        if (entry["deployment"] is not null)
        {
            return Azd.AzdDeployment.Predict(manifest.Directory.FullName, manifest.Resources, resourceName);
        }

        return BicepCompiler.PredictResources(manifest.ModulePath((string)entry["path"]!), AzdParameters.For(entry));
    }
}
