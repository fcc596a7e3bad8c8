using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A pipeline run: one job.</summary>
internal sealed class RunRecord
{
    public required int Id { get; init; }

    public required PipelineDefinition Pipeline { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    public required IReadOnlyDictionary<string, string> TemplateParameters { get; init; }

    public string Name => $"{CreatedDate:yyyyMMdd}.{Id}";

    public JobRecord? Job { get; set; }

    public RunState State { get; set; } = RunState.InProgress;

    public RunResult? Result { get; set; }

    public DateTimeOffset? FinishedDate { get; set; }
}
