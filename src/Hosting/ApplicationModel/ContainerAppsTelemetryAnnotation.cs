namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Where the apps and jobs of a container apps environment export their traces, metrics and logs: the Aspire dashboard
/// as a component of the environment (the default), Application Insights on the environment's Log Analytics workspace,
/// or both. Every app and job deployed to the environment is configured for it.
/// </summary>
public sealed class ContainerAppsTelemetryAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets whether the environment hosts the Aspire dashboard and its apps and jobs export to it.</summary>
    public bool AspireDashboard { get; set; } = true;

    /// <summary>Gets or sets whether the environment has Application Insights and its apps and jobs export to it.</summary>
    public bool ApplicationInsights { get; set; }
}
