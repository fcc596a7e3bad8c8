using System.Globalization;
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
        WriteModuleEntry(context, resource.Name, resource.TemplateFileName, parameters, stringsOnly: false);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes <c>type</c>, <c>path</c> and <c>params</c> of a module: as a resource entry, or inside a <c>deployment</c>
    /// object (where azd accepts only string parameters).
    /// </summary>
    public static void WriteModuleEntry(
        ManifestPublishingContext context, string resourceName, string templateFileName,
        IDictionary<string, object> parameters, bool stringsOnly)
    {
        var path = WriteModuleFile(context, resourceName, templateFileName);
        var writer = context.Writer;
        writer.WriteString("type", ManifestType);
        writer.WriteString("path", path);
        writer.WriteStartObject("params");
        foreach (var (name, value) in parameters)
        {
            WriteParameter(context, writer, name, value, stringsOnly);
        }

        writer.WriteEndObject();
    }

    /// <summary>Copies the embedded module to <c>{resourceName}.module.bicep</c> next to the manifest.</summary>
    /// <returns>The module path relative to the manifest.</returns>
    public static string WriteModuleFile(ManifestPublishingContext context, string resourceName, string templateFileName)
    {
        var manifestDirectory = Path.GetDirectoryName(Path.GetFullPath(context.ManifestPath))
            ?? throw new DistributedApplicationException($"Cannot find the directory of the manifest '{context.ManifestPath}'.");
        Directory.CreateDirectory(manifestDirectory);
        var modulePath = Path.Combine(manifestDirectory, $"{resourceName}.module.bicep");
        File.WriteAllText(modulePath, ReadTemplate(templateFileName));
        return context.GetManifestRelativePath(modulePath);
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

    private static void WriteParameter(ManifestPublishingContext context, Utf8JsonWriter writer, string name, object value, bool stringsOnly)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case BicepOutputReference output:
                writer.WriteString(name, output.ValueExpression);
                break;
            case ParameterResource parameter:
                context.TryAddDependentResources(parameter);
                writer.WriteString(name, $"{{{parameter.Name}.value}}");
                break;
            case bool flag when stringsOnly:
                writer.WriteString(name, flag ? "true" : "false");
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int number when stringsOnly:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case double number:
                writer.WriteString(name, number.ToString("0.0##", CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"Parameter '{name}' has a value of unsupported type {value.GetType().Name}.");
        }
    }
}
