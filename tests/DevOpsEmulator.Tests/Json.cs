using System.Net.Http.Json;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests;

/// <summary>Raw-JSON helpers: tests look at field names and JSON types as sent, not at a round trip.</summary>
internal static class Json
{
    public static HttpContent Content(object body) => JsonContent.Create(body);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts <paramref name="element"/> has <paramref name="name"/> of JSON kind <paramref name="kind"/>.</summary>
    public static JsonElement Has(this JsonElement element, string name, JsonValueKind kind)
    {
        Assert.True(element.TryGetProperty(name, out var value), $"'{name}' is missing from {element}");
        Assert.True(value.ValueKind == kind, $"'{name}' is {value.ValueKind}, expected {kind}: {element}");
        return value;
    }

    public static void Lacks(this JsonElement element, string name) =>
        Assert.False(element.TryGetProperty(name, out _), $"'{name}' should be absent from {element}");

    public static string Str(this JsonElement element, string name) => element.Has(name, JsonValueKind.String).GetString()!;

    public static long Long(this JsonElement element, string name) => element.Has(name, JsonValueKind.Number).GetInt64();

    public static DateTimeOffset Time(this JsonElement element, string name) => DateTimeOffset.Parse(element.Str(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls until <paramref name="condition"/> holds (state changed by a background service) or fails.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Timed out waiting until {what}.");
    }
}
