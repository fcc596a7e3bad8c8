namespace AspireAgents.Scaling.ContainerApps;

/// <summary>
/// One page of <c>GET …/Microsoft.App/jobs/{job}/executions</c> (<c>ContainerAppJobExecutions</c> in
/// Azure/azure-rest-api-specs specification/app/resource-manager/Microsoft.App/stable/2024-03-01/Jobs.json):
/// <c>value</c>, and <c>nextLink</c> while more pages follow (<c>x-ms-pageable</c>).
/// </summary>
/// <param name="Value">The executions of this page.</param>
/// <param name="NextLink">The absolute URL of the next page, or <see langword="null"/> on the last one.</param>
public sealed record JobExecutionList(IReadOnlyList<JobExecution>? Value, string? NextLink = null);
