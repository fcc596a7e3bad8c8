namespace AspireAgents.Scaling.ContainerApps;

/// <summary>
/// A Container Apps job execution as the executions API lists it (<c>JobExecution</c> in Jobs.json, api-version
/// 2024-03-01): every field may be missing, and <see cref="JobExecutionProperties.Status"/> may hold a value the spec
/// does not list (<c>modelAsString</c>), so nothing here is required.
/// </summary>
/// <param name="Name">The execution's name, e.g. <c>agents-k2x7q9</c>.</param>
/// <param name="Id">The execution's ARM resource id.</param>
/// <param name="Type">The resource type, <c>Microsoft.App/jobs/executions</c>.</param>
/// <param name="Properties">Status, start and end time.</param>
public sealed record JobExecution(string? Name, string? Id = null, string? Type = null, JobExecutionProperties? Properties = null);
