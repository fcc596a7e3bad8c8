using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AspireAgents.Hosting.Tests.Infrastructure.Azd;

/// <summary>
/// What azd generates from an Aspire manifest, following its rules (Azure/azure-dev at ae35809f,
/// <c>cli/azd/pkg/apphost/generate.go</c> and <c>cli/azd/resources/apphost/templates/</c>): <c>main.bicep</c> with a module
/// per <c>azure.bicep.v0</c> entry and <c>&lt;RESOURCE&gt;_&lt;OUTPUT&gt;</c> outputs, and for each compute entry with a
/// <c>deployment</c> the <c>.bicepparam</c> azd compiles and deploys. Every value azd would fill from the azd environment
/// is a stand-in that names its source: <c>&lt;aca.outputs.id&gt;</c>, <c>&lt;agents.containerImage&gt;</c>,
/// <c>&lt;azp-pat.value&gt;</c>.
/// </summary>
internal sealed partial class AzdGeneration(JsonObject resources)
{
    public const string PrincipalIdStandIn = "<azd principalId>";

    /// <summary>The azd environment value after a deploy of which azd prints <c>Aspire Dashboard: https://aspire-dashboard.ext.&lt;value&gt;</c>.</summary>
    public const string AspireDashboardDomainOutput = "AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN";

    // generate.go withOutputsExpRegex (l.568)
    [GeneratedRegex(@"\{([a-zA-Z0-9\-]+)\.(outputs|secretOutputs)\.([a-zA-Z0-9\-_]+)\}")]
    private static partial Regex OutputReference();

    // A manifest binding expression: {resource.property} (eval.go EvalString).
    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9\-]*)\.([a-zA-Z][a-zA-Z0-9\-_.]*)\}")]
    private static partial Regex Binding();

    [GeneratedRegex(@"\{\{\s*(.*?)\s*\}\}")]
    private static partial Regex TemplateAction();

    /// <summary>
    /// The outputs of main.bicep azd fills the environment from: <c>RESOURCE_OUTPUT</c> (upper-cased, '-' → '_') → the
    /// module output, for every output a deployment parameter references (generate.go <c>evaluateForOutputs</c> l.576–620,
    /// <c>extractOutputs</c> l.623–680; main.bicept <c>output {{bicepParameterName $param}}</c>).
    /// </summary>
    public IReadOnlyDictionary<string, (string Resource, string Output)> Outputs { get; } = CollectOutputs(resources);

    private static SortedDictionary<string, (string Resource, string Output)> CollectOutputs(JsonObject resources)
    {
        var outputs = new SortedDictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (_, entry) in resources)
        {
            var values = new List<string>();
            if (entry!["deployment"]?["params"] is JsonObject deployment)
            {
                values.AddRange(deployment.Select(p => p.Value).OfType<JsonValue>().Where(v => v.TryGetValue<string>(out _)).Select(v => v.GetValue<string>()));
            }

            if (entry["env"] is JsonObject env)
            {
                values.AddRange(env.Select(p => (string)p.Value!));
            }

            foreach (Match match in values.SelectMany(v => OutputReference().Matches(v)))
            {
                var (resource, output) = (match.Groups[1].Value, match.Groups[3].Value);
                var name = $"{resource.ToUpperInvariant()}_{output.ToUpperInvariant()}".Replace('-', '_');
                outputs[name] = (resource, output);
                // Promoted under their own names when the AppHost owns its compute (l.590–604): the registry azd pushes
                // to, and the domain azd shows the Aspire dashboard's link from (AspireDashboardUrl, l.57–66).
                foreach (var promoted in (string[])["AZURE_CONTAINER_REGISTRY_ENDPOINT", AspireDashboardDomainOutput])
                {
                    if (output.Contains(promoted, StringComparison.Ordinal))
                    {
                        outputs[promoted] = (resource, output);
                    }
                }
            }
        }

        return outputs;
    }

    /// <summary>The stand-in value azd's environment holds for a main.bicep output after provisioning.</summary>
    public string EnvironmentValue(string name) => Outputs.TryGetValue(name, out var output)
        ? $"<{output.Resource}.outputs.{output.Output}>"
        : throw new Xunit.Sdk.XunitException($"map has no entry for key \"{name}\": azd executes the template with missingkey=error (service_target_dotnet_containerapp.go l.306–311).");

    /// <summary>main.bicep as azd writes it (templates/main.bicept) for an AppHost that owns its compute environment.</summary>
    public string MainBicep()
    {
        var text = new StringBuilder("""
            targetScope = 'subscription'

            param environmentName string
            param location string
            param principalId string = ''

            resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
              name: 'rg-${environmentName}'
              location: location
            }

            """);
        foreach (var (name, entry) in resources.Where(r => (string?)r.Value!["type"] == "azure.bicep.v0").OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\nmodule {name.Replace('-', '_')} '{(string)entry!["path"]!}' = {{\n  name: '{name}'\n  scope: rg\n  params: {{\n");
            var parameters = ModuleParameters(entry.AsObject());
            foreach (var (parameter, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    {parameter}: {value}\n");
            }

            text.Append("  }\n}\n");
        }

        text.Append('\n');
        foreach (var (name, (resource, output)) in Outputs)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"output {name} string = {resource.Replace('-', '_')}.outputs.{output}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// A module's parameters in main.bicep: each value JSON-marshalled (<c>injectValueForBicepParameter</c> l.951–990),
    /// <c>userPrincipalId: ""</c> given azd's <c>principalId</c> when the AppHost owns compute, <c>location</c> added when
    /// absent (<c>addBicep</c> l.872–920), and a string that is a single output reference turned into that reference
    /// (<c>resolveBicepReference</c> l.1460–1491).
    /// </summary>
    private static SortedDictionary<string, string> ModuleParameters(JsonObject entry)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in entry["params"]?.AsObject() ?? [])
        {
            var json = value!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            result[name] = json switch
            {
                "\"\"" when name == "userPrincipalId" => "principalId",
                _ when value is JsonValue v && v.TryGetValue<string>(out var s) => BicepReference(s),
                _ => json.Replace('"', '\''),
            };
        }

        result.TryAdd("location", "location");
        return result;
    }

    private static string BicepReference(string value)
    {
        var single = OutputReference().Match(value);
        if (single.Success && single.Value == value && single.Groups[2].Value == "outputs")
        {
            return $"{single.Groups[1].Value.Replace('-', '_')}.outputs.{single.Groups[3].Value}";
        }

        if (Binding().IsMatch(value))
        {
            throw new NotSupportedException($"'{value}': interpolated references in module parameters are not modelled.");
        }

        return "'" + value + "'";
    }

    /// <summary>
    /// The <c>.bicepparam</c> template azd generates for a compute entry's deployment (templates/containerApp.tmpl.bicepparamt):
    /// <c>using</c> the module's file name, then one <c>param</c> per deployment parameter in key order (a Go template ranges
    /// over a map's sorted keys), each value evaluated (<c>{x.outputs.y}</c> → <c>{{ .Env.X_Y }}</c>, <c>{self.containerImage}</c>
    /// → <c>{{ .Image }}</c>, a secret <c>{p.value}</c> → <c>{{ securedParameter "p" }}</c>; <c>evalBindingRef</c> l.1575–1860)
    /// and quoted by <see cref="AzdYaml.DeployParameterExpression"/>.
    /// </summary>
    public string DeploymentTemplate(string resourceName)
    {
        var deployment = resources[resourceName]?["deployment"]?.AsObject()
            ?? throw new Xunit.Sdk.XunitException($"'{resourceName}' has no deployment.");
        var text = new StringBuilder($"using './{Path.GetFileName((string)deployment["path"]!)}'\n");
        foreach (var (name, value) in deployment["params"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // buildDeployBlock (l.2054–2060): a parameter that is not a string stops azd.
            if (value is not JsonValue v || !v.TryGetValue<string>(out var expression))
            {
                throw new Xunit.Sdk.XunitException($"{resourceName}: deployment parameter '{name}' is {value?.ToJsonString()}; azd expects a string.");
            }

            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\nparam {name} = {AzdYaml.DeployParameterExpression(Evaluate(resourceName, expression))}");
        }

        return text.Append('\n').ToString();
    }

    private string Evaluate(string resourceName, string expression) => Binding().Replace(expression, match =>
    {
        var (resource, property) = (match.Groups[1].Value, match.Groups[2].Value);
        var type = (string?)resources[resource]?["type"]
            ?? throw new Xunit.Sdk.XunitException($"{resourceName}: '{match.Value}' names no manifest resource.");
        return (type, property) switch
        {
            (_, _) when property.StartsWith("outputs.", StringComparison.Ordinal) =>
                $"{{{{ .Env.{resource.Replace('-', '_').ToUpperInvariant()}_{property["outputs.".Length..].ToUpperInvariant()} }}}}",
            ("project.v0" or "project.v1" or "container.v0" or "container.v1" or "dockerfile.v0", "containerImage") when resource == resourceName => "{{ .Image }}",
            ("parameter.v0", "value") when resources[resource]!["value"] is not null && (bool?)resources[resource]!["inputs"]?["value"]?["secret"] == true =>
                $"{{{{ securedParameter \"{resource.Replace('-', '_')}\" }}}}",
            _ => throw new Xunit.Sdk.XunitException($"{resourceName}: '{match.Value}' ({type}) is not something this rehearsal models."),
        };
    });

    /// <summary>
    /// Executes the template as azd does at deploy time (service_target_dotnet_containerapp.go l.268–335): environment
    /// values from provisioning, the image just pushed, secured parameters from the environment or config.
    /// </summary>
    public string ExecuteTemplate(string resourceName, string template) => TemplateAction().Replace(template, match =>
    {
        var action = match.Groups[1].Value;
        if (action == ".Image")
        {
            return $"<{resourceName}.containerImage>";
        }

        if (action.StartsWith(".Env.", StringComparison.Ordinal))
        {
            return EnvironmentValue(action[".Env.".Length..]);
        }

        if (action.StartsWith("securedParameter \"", StringComparison.Ordinal))
        {
            return $"<{action["securedParameter \"".Length..^1].Replace('_', '-')}.value>";
        }

        throw new Xunit.Sdk.XunitException($"{resourceName}: template action '{match.Value}' is not modelled.");
    });
}
