namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// The error body Azure DevOps sends with 4xx/5xx answers, e.g.
/// <c>{"$id":"1","message":"TF400733: …","typeKey":"…","errorCode":0}</c>.
/// </summary>
/// <param name="Message">What went wrong, in the service's words.</param>
/// <param name="TypeName">The .NET exception type on the service.</param>
/// <param name="TypeKey">The exception type's short key.</param>
/// <param name="ErrorCode">Numeric error code.</param>
/// <param name="EventId">The event id.</param>
public sealed record AzureDevOpsError(string Message, string? TypeName = null, string? TypeKey = null, int ErrorCode = 0, int EventId = 3000)
{
    /// <summary>The service's reference id, always <c>"1"</c> in an error body.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("$id")]
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string? ReferenceId { get; set; } = "1";
}
