namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// A log of a job's plan (<c>TaskLog</c>), as the agent creates and fills it:
/// <c>POST {org}/{scopeId}/_apis/distributedtask/hubs/{hub}/plans/{planId}/logs</c> with a path, then
/// <c>POST …/logs/{logId}</c> with the lines (azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/JobServer.cs:31-35).
/// </summary>
public sealed record TaskLog
{
    /// <summary>Assigned by the service.</summary>
    public int Id { get; init; }

    /// <summary>Where the agent says the log came from, e.g. <c>logs\{stepId}</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Lines so far.</summary>
    public long LineCount { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>When lines were last appended.</summary>
    public DateTimeOffset? LastChangedOn { get; init; }
}

/// <summary>
/// A build log as <c>GET {org}/{project}/_apis/build/builds/{buildId}/logs</c> lists it
/// (https://learn.microsoft.com/rest/api/azure/devops/build/builds/get-build-logs, <c>BuildLog</c>).
/// </summary>
/// <param name="Id">The log id; <c>…/logs/{id}</c> serves its text.</param>
/// <param name="Type">Where it is stored: <c>Container</c>.</param>
/// <param name="Url">Its REST address.</param>
/// <param name="LineCount">Lines in the log.</param>
/// <param name="CreatedOn">When it was created.</param>
/// <param name="LastChangedOn">When it last changed.</param>
public sealed record BuildLog(int Id, string Type, string Url, long LineCount, DateTimeOffset CreatedOn, DateTimeOffset LastChangedOn);
