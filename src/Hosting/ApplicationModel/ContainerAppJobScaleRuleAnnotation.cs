namespace Aspire.Hosting.ApplicationModel;

/// <summary>The scale rule of an event job: which scaler decides how many executions start, with which metadata.</summary>
public sealed class ContainerAppJobScaleRuleAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets the scaler type. Defaults to KEDA's built-in <c>azure-pipelines</c> scaler.</summary>
    public ContainerAppJobScaleRuleType RuleType { get; set; } = ContainerAppJobScaleRuleType.AzurePipelines;

    /// <summary>Gets or sets the external scaler (rule type <see cref="ContainerAppJobScaleRuleType.External"/>).</summary>
    public IResourceWithEndpoints? Scaler { get; set; }

    /// <summary>Gets the trigger metadata. The organisation URL and pool default to the job's pool.</summary>
    public AzurePipelinesTriggerMetadata Metadata { get; init; } = new();
}
