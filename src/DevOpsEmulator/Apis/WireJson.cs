using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AspireAgents.AzureDevOps.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>Reads request bodies and query values the way the service judges them, and writes wire JSON.</summary>
internal static class WireJson
{
    /// <summary>Reads the body as <typeparamref name="T"/>: no body or <c>null</c> → 400 (argument null), bad JSON → 400.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, string parameterName)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            throw ServiceErrors.MissingBody(parameterName);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted)
                ?? throw ServiceErrors.MissingBody(parameterName);
        }
        catch (JsonException ex)
        {
            throw ServiceErrors.InvalidBody(ex.Message);
        }
    }

    /// <summary>
    /// Reads an agent registration. An absent <c>enabled</c> means enabled and an absent <c>maxParallelism</c>
    /// means 1, as on the service (the source-generated reader would leave both at their zero value).
    /// </summary>
    public static async Task<TaskAgent> ReadAgentAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            throw ServiceErrors.MissingBody("agent");
        }

        try
        {
            var bytes = buffer.ToArray();
            var agent = JsonSerializer.Deserialize(bytes, WireContext.Instance.TaskAgent) ?? throw ServiceErrors.MissingBody("agent");
            using var document = JsonDocument.Parse(bytes);
            var present = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return agent with
            {
                Enabled = !present.Contains("enabled") || agent.Enabled,
                MaxParallelism = present.Contains("maxParallelism") ? agent.MaxParallelism : 1,
            };
        }
        catch (JsonException ex)
        {
            throw ServiceErrors.InvalidBody(ex.Message);
        }
    }

    /// <summary>A JSON answer in the one wire contract.</summary>
    public static JsonHttpResult<T> Json<T>(T value, JsonTypeInfo<T> typeInfo, int? statusCode = null) =>
        TypedResults.Json(value, typeInfo, statusCode: statusCode);

    /// <summary>An optional whole-number query value; anything else → 400.</summary>
    public static int? QueryInt(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw ServiceErrors.InvalidArgument(name, $"The value '{text}' is not a valid non-negative whole number.");
    }

    /// <summary>An optional Boolean query value; anything else → 400.</summary>
    public static bool QueryBool(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw ServiceErrors.InvalidArgument(name, $"The value '{text}' is not true or false.");
    }
}
