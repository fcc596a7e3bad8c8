using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>
/// Turns manifest parameters into module parameter values the way azd does, with each reference replaced by a
/// recognisable stand-in: <c>{registry.outputs.name}</c> becomes <c>&lt;registry.outputs.name&gt;</c>, so that a test
/// sees where every value came from.
/// </summary>
internal static partial class AzdParameters
{
    public const string DeployingPrincipalId = "<azd principalId>";

    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9-]*)\.(outputs\.[A-Za-z0-9_]+|containerImage|value)\}")]
    private static partial Regex Reference();

    /// <summary>All references in a manifest value: (resource, property).</summary>
    public static IEnumerable<(string Resource, string Property)> References(string value) =>
        Reference().Matches(value).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    /// <summary>Parameters of an <c>azure.bicep.v0</c> entry or a <c>deployment</c> object.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> For(JsonObject moduleEntry)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in moduleEntry["params"]!.AsObject())
        {
            result[name] = value switch
            {
                // azd injects the deploying principal into the module that owns compute.
                JsonValue v when name == "userPrincipalId" && v.GetValue<string>() == "" => DeployingPrincipalId,
                JsonValue v when v.TryGetValue<string>(out var s) => Resolve(s),
                _ => value?.DeepClone(),
            };
        }

        return result;
    }

    /// <summary>Resolves references in a string and azd's doubled-brace escapes.</summary>
    public static string Resolve(string value) =>
        Reference().Replace(value, m => $"<{m.Groups[1].Value}.{m.Groups[2].Value}>")
            .Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
}
