namespace AspireAgents.AzureDevOps.Wire;

/// <summary>The pipeline or run a job request belongs to (<c>TaskOrchestrationOwner</c>).</summary>
/// <param name="Id">The definition or run id.</param>
/// <param name="Name">The definition or run name.</param>
/// <param name="Links">HAL links: <c>web</c> and <c>self</c>.</param>
public sealed record TaskOrchestrationOwner(
    int Id,
    string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("_links")] IReadOnlyDictionary<string, Link>? Links = null);

/// <summary>A HAL link.</summary>
/// <param name="Href">The address.</param>
public sealed record Link(string Href);
