namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks a manual job that registers an offline placeholder agent for another job's pool: Azure Pipelines does not
/// queue jobs on a pool without agents.
/// </summary>
/// <param name="agentJob">The event job whose pool, image, environment and authentication the placeholder shares.</param>
public sealed class PlaceholderAgentAnnotation(ContainerAppJobResource agentJob) : IResourceAnnotation
{
    /// <summary>Gets the event job the placeholder belongs to.</summary>
    public ContainerAppJobResource AgentJob { get; } = agentJob ?? throw new ArgumentNullException(nameof(agentJob));

    /// <summary>Gets or sets the placeholder agent's name (<c>AZP_AGENT_NAME</c>). Defaults to <c>placeholder</c>.</summary>
    public string AgentName { get; set; } = "placeholder";
}
