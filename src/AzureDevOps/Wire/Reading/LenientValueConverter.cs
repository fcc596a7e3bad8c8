using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// Reads a value type liberally: <c>null</c>, or a value that cannot be read as <typeparamref name="T"/> (recorded),
/// is <c>default</c> instead of an error that would make the whole answer unreadable. Writes as the strict contract.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal abstract class LenientValueConverter<T> : JsonConverter<T>
    where T : struct
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <summary>Reads the value under the reader, leaving it on the value's last token.</summary>
    /// <param name="reader">A reader on the value's first token.</param>
    /// <param name="value">The value, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for <c>null</c> and for what is not a <typeparamref name="T"/>.</returns>
    public bool TryReadValue(ref Utf8JsonReader reader, out T value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = default;
            return false;
        }

        if (TryRead(ref reader, out value))
        {
            return true;
        }

        OddValues.Record(OddValues.Unreadable, typeof(T).Name, RawText.Of(ref reader));
        value = default;
        return false;
    }

    /// <inheritdoc />
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        TryReadValue(ref reader, out var value);
        return value;
    }

    /// <summary>Reads a token that is not <c>null</c>; compound values need not be consumed.</summary>
    /// <param name="reader">A reader on the value's first token.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the token is a <typeparamref name="T"/>.</returns>
    protected abstract bool TryRead(ref Utf8JsonReader reader, out T value);
}

/// <summary>
/// Reads a nullable value type liberally: <c>null</c> and what cannot be read as <typeparamref name="T"/> are
/// <see langword="null"/> (absent), never an error.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="inner">The converter for <typeparamref name="T"/>.</param>
internal sealed class LenientNullableConverter<T>(LenientValueConverter<T> inner) : JsonConverter<T?>
    where T : struct
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        inner.TryReadValue(ref reader, out var value) ? value : null;

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } present)
        {
            inner.Write(writer, present, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
