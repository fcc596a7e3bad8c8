using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>The text of the JSON value under a reader, for reports and for values kept as text.</summary>
internal static class RawText
{
    /// <summary>
    /// A string's content, a number's or literal's text, or an object's or array's JSON; leaves the reader on the
    /// value's last token, as a converter must.
    /// </summary>
    /// <param name="reader">A reader on the first token of a value.</param>
    /// <returns>The text.</returns>
    public static string Of(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => reader.GetString() ?? string.Empty,
        JsonTokenType.StartObject or JsonTokenType.StartArray => JsonElement.ParseValue(ref reader).GetRawText(),
        _ => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray()) : Encoding.UTF8.GetString(reader.ValueSpan),
    };
}
