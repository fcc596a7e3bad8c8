using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// Reads an enum Azure DevOps sends, so that a member added to the service since never makes an answer unreadable:
/// a known name (any case) is its member, a number is looked up in the service's numbering, and anything else that is
/// not <c>null</c> (an unknown name, an unknown number, a value of another kind) is <paramref name="unknown"/>, recorded
/// with its raw text. Writes exactly as the strict contract does and refuses <paramref name="unknown"/>: it is
/// never sent.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
/// <param name="strict">The strict contract's type info, whose own writer defines each member's name.</param>
/// <param name="unknown">The member that stands for every value this client does not know.</param>
/// <param name="numbers">The number the service uses for each member.</param>
internal sealed class LenientEnumConverter<TEnum>(JsonTypeInfo<TEnum> strict, TEnum unknown, IReadOnlyDictionary<long, TEnum> numbers) : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    // Derived from the strict writer rather than repeated, so the wire names have one definition: the attributes.
    private readonly Dictionary<string, TEnum> _names = Enum.GetValues<TEnum>()
        .ToDictionary(value => WireName(value, strict), StringComparer.OrdinalIgnoreCase);

    /// <summary>The service numbers its enums from 0 in declaration order; the numbering of such an enum.</summary>
    /// <returns>Each member but <paramref name="unknown"/> under its own value.</returns>
    public static IReadOnlyDictionary<long, TEnum> Declared(TEnum unknown) => Enum.GetValues<TEnum>()
        .Where(value => !EqualityComparer<TEnum>.Default.Equals(value, unknown))
        .ToDictionary(value => Convert.ToInt64(value, CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var name = reader.GetString()!;
                if (_names.TryGetValue(name, out var named))
                {
                    return named;
                }

                // A number in quotes is still the service's number.
                if (long.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var quoted) && numbers.TryGetValue(quoted, out var byQuoted))
                {
                    return byQuoted;
                }

                break;
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && numbers.TryGetValue(number, out var numbered):
                return numbered;
        }

        OddValues.Record(OddValues.UnknownMember, typeof(TEnum).Name, RawText.Of(ref reader));
        return unknown;
    }

    private static string WireName(TEnum value, JsonTypeInfo<TEnum> strict)
    {
        using var written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, strict));
        return written.RootElement.GetString()!;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (EqualityComparer<TEnum>.Default.Equals(value, unknown) || !Enum.IsDefined(value))
        {
            throw new JsonException($"{typeof(TEnum).Name} value '{value}' stands for a value read from Azure DevOps that this client does not know; it is never sent.");
        }

        JsonSerializer.Serialize(writer, value, strict);
    }
}
