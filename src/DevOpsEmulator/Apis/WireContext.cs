using System.Text.Encodings.Web;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// The wire contract (<see cref="AzureDevOpsJsonContext"/>) with the service's text escaping: quotes and
/// apostrophes in messages are written as they are, not as <c>\u0027</c>.
/// </summary>
internal static class WireContext
{
    public static readonly AzureDevOpsJsonContext Instance = new(new JsonSerializerOptions(AzureDevOpsJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
