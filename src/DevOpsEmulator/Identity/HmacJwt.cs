using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>
/// JWTs signed with HMAC-SHA256 under a key made when the process starts, so that no token outlives the emulator.
/// Each issuer has its own key: a token of one is never accepted as a token of another.
/// </summary>
internal sealed class HmacJwt
{
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Signs the claims <paramref name="writeClaims"/> writes.</summary>
    public string Create(Action<Utf8JsonWriter> writeClaims)
    {
        var payload = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writeClaims(writer);
            writer.WriteEndObject();
        }

        var unsigned = $"{Header}.{Base64Url.EncodeToString(payload.WrittenSpan)}";
        return $"{unsigned}.{Sign(unsigned)}";
    }

    /// <summary>The claims of a token this instance signed; <see langword="null"/> when it did not sign it.</summary>
    public JsonDocument? ReadClaims(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private string Sign(string unsigned) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(unsigned)));
}
