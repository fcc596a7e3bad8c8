using System.Reflection;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>Writes this library's Bicep modules next to the manifest and describes them in manifest entries.</summary>
internal static class BicepModuleWriter
{
    internal const string ManifestType = "azure.bicep.v0";

    /// <summary>
    /// Runs a manifest callback and, when it rejects the model, makes the AppHost process exit with a non-zero code:
    /// Aspire logs a failed publish step but exits with 0, and azd would then read a truncated manifest.
    /// </summary>
    public static async Task FailProcessOnErrorAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (DistributedApplicationException)
        {
            Environment.ExitCode = 1;
            throw;
        }
    }

    /// <summary>Writes an <c>azure.bicep.v0</c> entry for a module resource and its module file.</summary>
    public static Task WriteModuleResourceAsync(ManifestPublishingContext context, AzureBicepModuleResource resource)
    {
        var parameters = new SortedDictionary<string, object>(StringComparer.Ordinal);
        resource.AddParameters(parameters);
        var path = WriteModuleFile(context, resource.Name, resource.TemplateFileName, settings: null);
        WriteEntry(context, path, parameters);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the <c>deployment</c> module of a compute entry: the module with <paramref name="settings"/> written into
    /// its settings block, and parameters that are references only (azd passes each deployment parameter through YAML
    /// quoting, which would turn a literal such as <c>600</c> into the string <c>"600"</c>).
    /// </summary>
    public static void WriteDeploymentEntry(
        ManifestPublishingContext context, string resourceName, string templateFileName,
        IDictionary<string, object> references, IEnumerable<KeyValuePair<string, object?>> settings)
    {
        foreach (var (name, value) in references)
        {
            if (value is not (BicepOutputReference or ParameterResource or ResourceExpression))
            {
                throw new InvalidOperationException(
                    $"Deployment parameter '{name}' of '{resourceName}' is a literal ({value}); write it into the module's settings instead.");
            }
        }

        var path = WriteModuleFile(context, resourceName, templateFileName, settings);
        WriteEntry(context, path, references);
    }

    /// <summary>
    /// Writes an embedded module to <c>{resourceName}.module.bicep</c> next to the manifest, with its settings block
    /// (between <c>// &lt;settings&gt;</c> and <c>// &lt;/settings&gt;</c>) replaced by <paramref name="settings"/>.
    /// </summary>
    /// <returns>The module path relative to the manifest.</returns>
    public static string WriteModuleFile(
        ManifestPublishingContext context, string resourceName, string templateFileName, IEnumerable<KeyValuePair<string, object?>>? settings)
    {
        var manifestDirectory = Path.GetDirectoryName(Path.GetFullPath(context.ManifestPath))
            ?? throw new DistributedApplicationException($"Cannot find the directory of the manifest '{context.ManifestPath}'.");
        Directory.CreateDirectory(manifestDirectory);
        var modulePath = Path.Combine(manifestDirectory, $"{resourceName}.module.bicep");
        var module = ReadTemplate(templateFileName);
        File.WriteAllText(modulePath, settings is null ? module : WithSettings(module, templateFileName, settings));
        return context.GetManifestRelativePath(modulePath);
    }

    /// <summary>Replaces a module's settings block with a typed variable holding <paramref name="settings"/>.</summary>
    internal static string WithSettings(string module, string templateFileName, IEnumerable<KeyValuePair<string, object?>> settings)
    {
        const string Start = "// <settings>\n";
        const string End = "// </settings>\n";
        var start = module.IndexOf(Start, StringComparison.Ordinal);
        var end = module.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"The Bicep module '{templateFileName}' has no settings block.");
        }

        var block = module[(start + Start.Length)..end];
        var declaration = block[..(block.IndexOf('=', StringComparison.Ordinal) + 1)];
        return string.Concat(
            module.AsSpan(0, start),
            $"// Written by the AppHost when it published; change the AppHost's settings, not this block.\n{declaration} {BicepLiteral.Write(settings.ToList())}\n",
            module.AsSpan(end + End.Length));
    }

    private static void WriteEntry(ManifestPublishingContext context, string path, IDictionary<string, object> parameters)
    {
        var writer = context.Writer;
        writer.WriteString("type", ManifestType);
        writer.WriteString("path", path);
        writer.WriteStartObject("params");
        foreach (var (name, value) in parameters)
        {
            WriteParameter(context, writer, name, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads an embedded Bicep module.</summary>
    public static string ReadTemplate(string templateFileName)
    {
        var resourceName = $"AspireAgents.Hosting.Bicep.{templateFileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The Bicep module '{templateFileName}' is not embedded in {typeof(BicepModuleWriter).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void WriteParameter(ManifestPublishingContext context, Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case BicepOutputReference output:
                writer.WriteString(name, output.ValueExpression);
                break;
            case ResourceExpression expression:
                writer.WriteString(name, expression.ValueExpression);
                break;
            case ParameterResource parameter:
                context.TryAddDependentResources(parameter);
                writer.WriteString(name, $"{{{parameter.Name}.value}}");
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            default:
                throw new InvalidOperationException($"Parameter '{name}' has a value of unsupported type {value.GetType().Name}.");
        }
    }
}
