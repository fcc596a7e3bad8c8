namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Azure Container Apps job that runs the Azure Pipelines agent runner: an <see cref="ContainerAppJobTriggerType.Event"/>
/// job scaled by a KEDA rule, a <see cref="ContainerAppJobTriggerType.Manual"/> placeholder job, or a
/// <see cref="ContainerAppJobTriggerType.Schedule"/> maintenance job.
/// </summary>
/// <remarks>
/// Settings live in annotations (<see cref="ContainerAppJobEventTriggerAnnotation"/>, <see cref="ContainerAppJobReplicaAnnotation"/>,
/// <see cref="KedaScalingStrategyAnnotation"/>, <see cref="ContainerAppJobScaleRuleAnnotation"/>, <see cref="AzurePipelinesPoolAnnotation"/>,
/// <see cref="AzureDevOpsAuthenticationAnnotation"/>), read with <c>TryGetLastAnnotation</c> by both the publisher (Bicep for
/// azd) and a local run. At publish time the job is a manifest entry that azd builds (the runner's image) and deploys.
/// </remarks>
public sealed class ContainerAppJobResource : Resource
{
    /// <summary>Initializes a job whose image azd builds from the agent runner project.</summary>
    /// <param name="name">The resource name, also the job name in Azure (lowercase letters, digits and '-', at most 32).</param>
    /// <param name="runner">The agent runner project.</param>
    public ContainerAppJobResource(string name, ProjectResource runner) : base(name)
    {
        Runner = runner ?? throw new ArgumentNullException(nameof(runner));
    }

    /// <summary>Initializes a job that runs an existing image.</summary>
    /// <param name="name">The resource name, also the job name in Azure (lowercase letters, digits and '-', at most 32).</param>
    /// <param name="image">
    /// The image. Without a registry host (for example <c>aspireagents/agent-runner:latest</c>) it is taken from the
    /// job's registry.
    /// </param>
    public ContainerAppJobResource(string name, string image) : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        Image = image;
    }

    /// <summary>Gets the agent runner project, if the job's image is built from it.</summary>
    public ProjectResource? Runner { get; }

    /// <summary>Gets the image, if the job runs an existing image.</summary>
    public string? Image { get; }

    /// <summary>Gets how executions start: manual for a placeholder job, on a schedule for a scheduled (maintenance) job, otherwise by event.</summary>
    public ContainerAppJobTriggerType TriggerType =>
        this.HasAnnotationOfType<PlaceholderAgentAnnotation>() ? ContainerAppJobTriggerType.Manual
        : this.HasAnnotationOfType<ContainerAppJobScheduleTriggerAnnotation>() ? ContainerAppJobTriggerType.Schedule
        : ContainerAppJobTriggerType.Event;
}
