using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes values as Bicep literals: the settings a module receives are written into the module itself, typed, rather
/// than passed as deployment parameters that azd re-quotes.
/// </summary>
internal static partial class BicepLiteral
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    /// <summary>Writes a value (string, integer, bool, null, dictionary with string keys, or sequence) as a Bicep expression.</summary>
    /// <param name="value">The value.</param>
    /// <param name="indent">The indentation of the line the value starts on.</param>
    /// <returns>The Bicep text; objects and arrays span several lines.</returns>
    public static string Write(object? value, int indent = 0)
    {
        var text = new StringBuilder();
        Append(text, value, indent);
        return text.ToString();
    }

    /// <summary>A Bicep single-quoted string: backslash, quote and <c>${</c> (interpolation) escaped.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder("'");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '\'' => @"\'",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '$' => @"\$",
                _ => c.ToString(),
            });
        }

        return text.Append('\'').ToString();
    }

    private static void Append(StringBuilder text, object? value, int indent)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(String(s));
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> properties:
                AppendObject(text, properties.ToList(), indent);
                break;
            case IEnumerable<KeyValuePair<string, string>> properties:
                AppendObject(text, properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToList(), indent);
                break;
            case IEnumerable items:
                AppendArray(text, items.Cast<object?>().ToList(), indent);
                break;
            default:
                throw new InvalidOperationException($"A value of type {value.GetType().Name} has no Bicep literal.");
        }
    }

    private static void AppendObject(StringBuilder text, IReadOnlyList<KeyValuePair<string, object?>> properties, int indent)
    {
        if (properties.Count == 0)
        {
            text.Append("{}");
            return;
        }

        text.Append("{\n");
        foreach (var (key, item) in properties)
        {
            text.Append(' ', indent + 2).Append(Identifier().IsMatch(key) ? key : String(key)).Append(": ");
            Append(text, item, indent + 2);
            text.Append('\n');
        }

        text.Append(' ', indent).Append('}');
    }

    private static void AppendArray(StringBuilder text, IReadOnlyList<object?> items, int indent)
    {
        if (items.Count == 0)
        {
            text.Append("[]");
            return;
        }

        text.Append("[\n");
        foreach (var item in items)
        {
            text.Append(' ', indent + 2);
            Append(text, item, indent + 2);
            text.Append('\n');
        }

        text.Append(' ', indent).Append(']');
    }
}
