using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// Asks the emulator whether a token is one its managed-identity endpoint issued, unexpired (RFC 7662 introspection,
/// src/DevOpsEmulator/Identity/TokenIntrospectionApi.cs): the local stand-in for ARM checking an Entra token's signature.
/// </summary>
/// <param name="http">The client the emulator is called with.</param>
internal sealed class TokenIntrospector(HttpClient http)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The token's claims when active; a reason when not.</summary>
    public async Task<TokenIntrospection> IntrospectAsync(Uri emulator, string token, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token)]);
        using var response = await http.PostAsync(new Uri(emulator, "/oauth2/introspect"), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return new TokenIntrospection(false, Reason: $"the token could not be checked (the emulator answered {(int)response.StatusCode})");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<TokenIntrospection>(s_json, cancellationToken).ConfigureAwait(false)
                ?? new TokenIntrospection(false, Reason: "the token could not be checked");
        }
        catch (JsonException)
        {
            return new TokenIntrospection(false, Reason: "the token could not be checked (the emulator's answer is not JSON)");
        }
    }
}

/// <summary>The emulator's introspection answer.</summary>
/// <param name="Active">Whether the token is valid.</param>
/// <param name="Aud">Its audience.</param>
/// <param name="Oid">The identity's principal id.</param>
/// <param name="Appid">The identity's client id.</param>
/// <param name="Exp">When it expires (Unix seconds).</param>
/// <param name="Reason">Why it is not active.</param>
internal sealed record TokenIntrospection(
    bool Active,
    string? Aud = null,
    Guid? Oid = null,
    Guid? Appid = null,
    long? Exp = null,
    [property: JsonPropertyName("reason")] string? Reason = null);
