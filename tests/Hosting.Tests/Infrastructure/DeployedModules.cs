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

    /// <summary>The resources a manifest entry's module would deploy.</summary>
    public static JsonArray Predict(PublishedManifest manifest, string resourceName)
    {
        var module = ModuleEntry(manifest[resourceName]);
        return BicepCompiler.PredictResources(manifest.ModulePath((string)module["path"]!), AzdParameters.For(module));
    }
}
