using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// A list of objects where one element can never make the rest unreadable: a <c>null</c> element is left out (it is
/// no job, pool or agent), and so is an element that still cannot be read (not an object, or a field of a kind no
/// lenient reading reconciles, e.g. a number where <c>reservedAgent</c> is an object), recorded with its JSON.
/// A value that is not an array is read as <see langword="null"/> (absent), which the client rejects where the
/// list is the answer itself.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class LenientListConverter<T> : JsonConverter<IReadOnlyList<T>>
    where T : class
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                OddValues.Record(OddValues.Unreadable, $"IReadOnlyList<{typeof(T).Name}>", RawText.Of(ref reader));
            }

            return null;
        }

        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            // Read from a copy so that a failure leaves this reader on the element's start, from where it can skip it.
            var attempt = reader;
            try
            {
                if (JsonSerializer.Deserialize(ref attempt, element) is { } item)
                {
                    items.Add(item);
                }

                reader = attempt;
            }
            catch (JsonException)
            {
                OddValues.Record(OddValues.SkippedElement, typeof(T).Name, RawText.Of(ref reader));
            }
        }

        return items;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, element);
        }

        writer.WriteEndArray();
    }
}
