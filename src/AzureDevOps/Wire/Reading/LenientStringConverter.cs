using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// A <see cref="string"/> that may arrive as another kind: a number or literal is its text (an id sent as a number
/// reads as the same id), an object or array its JSON (recorded). <c>null</c> stays <see langword="null"/>.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Text(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <inheritdoc />
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    /// <summary>The value under the reader as text; <see langword="null"/> for <c>null</c>.</summary>
    /// <param name="reader">A reader on the value's first token; left on its last.</param>
    /// <returns>The text.</returns>
    public static string? Text(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return RawText.Of(ref reader);
            default:
                var json = RawText.Of(ref reader);
                OddValues.Record(OddValues.Unreadable, nameof(String), json);
                return json;
        }
    }
}
