namespace AspireAgents.AppHost;

/// <summary>The <c>Agents:Observer</c> section: the scaling observer beside the agents' scale rule.</summary>
internal sealed class ObserverSettings
{
    /// <summary>
    /// Run the observer: a small always-on container app in Azure (docs/observability.md gives its cost), a resource under
    /// <c>dotnet run</c>. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
