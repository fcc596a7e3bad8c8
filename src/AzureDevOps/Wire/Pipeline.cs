namespace AspireAgents.AzureDevOps.Wire;

/// <summary>A pipeline (<c>Pipeline</c>) from <c>{project}/_apis/pipelines</c>.</summary>
/// <param name="Id">The pipeline id.</param>
/// <param name="Name">The pipeline name.</param>
/// <param name="Folder">The folder it lives in, <c>\</c> for the root.</param>
/// <param name="Revision">The definition revision.</param>
/// <param name="Url">The pipeline's REST address.</param>
public sealed record Pipeline(int Id, string Name, string Folder, int Revision, string? Url = null);
