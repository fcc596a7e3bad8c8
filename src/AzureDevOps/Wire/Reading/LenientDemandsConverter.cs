using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// A list of strings (a job's <c>demands</c>, the only such list in the wire types), read as KEDA's Go decoder reads
/// it where that is defined and without failing where it is not: a <c>null</c> element is <c>""</c> (Go leaves a
/// <c>null</c> string empty), an element of another kind its text, a single string a list of one, and any other
/// value one element holding its JSON. An empty or JSON demand equals no trigger demand, so such a job counts only
/// for triggers that do not look at demands, never for the wrong agents. <c>null</c> stays absent (no demands).
/// </summary>
internal sealed class LenientDemandsConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var text = LenientStringConverter.Text(ref reader) ?? string.Empty;
            if (reader.TokenType != JsonTokenType.String)
            {
                OddValues.Record(OddValues.Unreadable, "demands", text);
            }

            return [text];
        }

        var demands = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            demands.Add(LenientStringConverter.Text(ref reader) ?? string.Empty);
        }

        return demands;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var demand in value)
        {
            writer.WriteStringValue(demand);
        }

        writer.WriteEndArray();
    }
}
