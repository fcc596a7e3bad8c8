namespace Aspire.Hosting.ApplicationModel;

/// <summary>The KEDA scaler behind a job's scale rule.</summary>
public enum ContainerAppJobScaleRuleType
{
    /// <summary>KEDA's built-in <c>azure-pipelines</c> scaler.</summary>
    AzurePipelines,

    /// <summary>An <c>external</c> gRPC scaler: this application's Scaler, deployed as a container app.</summary>
    External,
}
