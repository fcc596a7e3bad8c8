using System.Text.Json.Nodes;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>Helpers over predicted ARM resources.</summary>
internal static class ArmAssert
{
    public static JsonObject Single(JsonArray resources, string type) =>
        Assert.Single(resources, r => (string?)r!["type"] == type)!.AsObject();

    public static string? Text(JsonNode? node, string path) => (string?)At(node, path);

    public static int Int(JsonNode? node, string path) => At(node, path)!.GetValue<int>();

    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            node = int.TryParse(segment, out var index) ? node?.AsArray()[index] : node?[segment];
        }

        return node;
    }

    /// <summary>Flattens a JSON tree to path → scalar value text, so two resources can be compared path by path.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(JsonNode? node)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(node, "");
        return result;

        void Walk(JsonNode? current, string path)
        {
            switch (current)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        Walk(value, path.Length == 0 ? key : $"{path}.{key}");
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{path}.{i}");
                    }

                    break;
                default:
                    result[path] = current?.ToJsonString() ?? "null";
                    break;
            }
        }
    }

    /// <summary>The paths whose values differ (or exist on one side only) between two resources.</summary>
    public static IReadOnlyList<string> ChangedPaths(JsonNode? before, JsonNode? after)
    {
        var a = Flatten(before);
        var b = Flatten(after);
        return a.Keys.Union(b.Keys)
            .Where(path => !a.TryGetValue(path, out var x) || !b.TryGetValue(path, out var y) || x != y)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
