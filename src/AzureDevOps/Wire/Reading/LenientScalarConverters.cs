using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// An <see cref="int"/> or <see cref="long"/> sent as a number or as a string of digits (ids are both, depending on the
/// API); a fraction or a value out of range is unreadable.
/// </summary>
/// <typeparam name="T"><see cref="int"/> or <see cref="long"/>.</typeparam>
internal sealed class LenientIntegerConverter<T> : LenientValueConverter<T>
    where T : struct, IBinaryInteger<T>
{
    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(long.CreateChecked(value));

    /// <inheritdoc />
    protected override bool TryRead(ref Utf8JsonReader reader, out T value)
    {
        value = default;
        return reader.TokenType is JsonTokenType.Number or JsonTokenType.String
            && T.TryParse(RawText.Of(ref reader), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>A <see cref="bool"/> sent as a literal, as <c>"True"</c>/<c>"false"</c> (the service's <c>data</c> style) or as 0/1.</summary>
internal sealed class LenientBooleanConverter : LenientValueConverter<bool>
{
    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);

    /// <inheritdoc />
    protected override bool TryRead(ref Utf8JsonReader reader, out bool value)
    {
        value = false;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
            case JsonTokenType.False:
                value = reader.GetBoolean();
                return true;
            case JsonTokenType.String:
                return bool.TryParse(reader.GetString(), out value);
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && number is 0 or 1:
                value = number == 1;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>A <see cref="Guid"/> in any of its text forms and casings (<c>D</c>, <c>N</c>, braces, upper case).</summary>
internal sealed class LenientGuidConverter : LenientValueConverter<Guid>
{
    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <inheritdoc />
    protected override bool TryRead(ref Utf8JsonReader reader, out Guid value)
    {
        value = Guid.Empty;
        return reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out value);
    }
}

/// <summary>
/// A <see cref="DateTimeOffset"/> in ISO 8601 (what the service sends) or another invariant form; a time without an
/// offset is UTC, as the service's times are.
/// </summary>
internal sealed class LenientDateTimeOffsetConverter : LenientValueConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <inheritdoc />
    protected override bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        return reader.TryGetDateTimeOffset(out value)
            || DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
