using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>A pipeline run (<c>Run</c>) from <c>{project}/_apis/pipelines/{id}/runs</c>.</summary>
public sealed record PipelineRun
{
    /// <summary>The run id.</summary>
    public required int Id { get; init; }

    /// <summary>The run name (build number).</summary>
    public required string Name { get; init; }

    /// <summary><c>inProgress</c>, <c>canceling</c> or <c>completed</c>.</summary>
    public required RunState State { get; init; }

    /// <summary>How the run ended; absent while it runs.</summary>
    public RunResult? Result { get; init; }

    /// <summary>When the run was queued.</summary>
    public DateTimeOffset CreatedDate { get; init; }

    /// <summary>When the run finished.</summary>
    public DateTimeOffset? FinishedDate { get; init; }

    /// <summary>The run's REST address.</summary>
    public string? Url { get; init; }

    /// <summary>The pipeline that ran.</summary>
    public required Pipeline Pipeline { get; init; }

    /// <summary>The template parameters the run was queued with.</summary>
    public IReadOnlyDictionary<string, string>? TemplateParameters { get; init; }
}

/// <summary>The state of a pipeline run.</summary>
public enum RunState
{
    /// <summary>Unknown.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Queued or running.</summary>
    [JsonStringEnumMemberName("inProgress")]
    InProgress,

    /// <summary>Being cancelled.</summary>
    [JsonStringEnumMemberName("canceling")]
    Canceling,

    /// <summary>Finished.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,
}

/// <summary>How a pipeline run ended.</summary>
public enum RunResult
{
    /// <summary>Unknown.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Every job succeeded.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>A job failed or was abandoned.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The run was cancelled.</summary>
    [JsonStringEnumMemberName("canceled")]
    Canceled,
}

/// <summary>The body of <c>POST {project}/_apis/pipelines/{id}/runs</c>.</summary>
/// <param name="TemplateParameters">Values for the pipeline's template parameters.</param>
public sealed record RunPipelineParameters(IReadOnlyDictionary<string, string>? TemplateParameters = null);
