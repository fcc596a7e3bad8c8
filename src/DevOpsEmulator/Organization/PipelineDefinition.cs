namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A pipeline of the project, from configuration.</summary>
/// <param name="Id">The pipeline id.</param>
/// <param name="Name">The pipeline name.</param>
/// <param name="Folder">The folder.</param>
/// <param name="Pool">The pool its job is queued in.</param>
/// <param name="Demands">Its job's demands.</param>
/// <param name="DurationSeconds">Default of <c>durationSeconds</c>.</param>
internal sealed record PipelineDefinition(int Id, string Name, string Folder, string Pool, IReadOnlyList<string> Demands, int DurationSeconds);
