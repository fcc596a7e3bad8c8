using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;

namespace AspireAgents.DevOpsEmulator.Organization;

internal sealed partial class OrganizationState
{
    /// <summary>Creates a log in the plan of a job (the agent does this per step before it uploads the step's output).</summary>
    public TaskLog CreateLog(string project, string hub, Guid planId, string? path)
    {
        lock (_gate)
        {
            var job = FindPlan(project, hub, planId);
            var log = new LogRecord(job.Logs.Count + 1, string.IsNullOrWhiteSpace(path) ? $"logs\\{Guid.NewGuid():D}" : path, _time.GetUtcNow());
            job.Logs.Add(log);
            return LogToWire(log);
        }
    }

    /// <summary>Appends uploaded text to a log of the plan.</summary>
    public TaskLog AppendLog(string project, string hub, Guid planId, int logId, string text)
    {
        lock (_gate)
        {
            var log = FindPlan(project, hub, planId).Logs.FirstOrDefault(l => l.Id == logId) ?? throw ServiceErrors.TaskLogNotFound(logId);
            log.Append(text, _time.GetUtcNow());
            return LogToWire(log);
        }
    }

    /// <summary>The logs of a run (a build, to the build API): id, lines and times of each.</summary>
    public IReadOnlyList<(int Id, long LineCount, DateTimeOffset CreatedOn, DateTimeOffset LastChangedOn)> GetBuildLogs(string project, int buildId)
    {
        lock (_gate)
        {
            return [.. FindBuild(project, buildId).Logs.Select(l => (l.Id, (long)l.Lines.Count, l.CreatedOn, l.LastChangedOn))];
        }
    }

    /// <summary>The lines of one log of a run, from <paramref name="startLine"/> to <paramref name="endLine"/> (1-based, inclusive).</summary>
    public IReadOnlyList<string> GetBuildLogLines(string project, int buildId, int logId, int? startLine, int? endLine)
    {
        lock (_gate)
        {
            var log = FindBuild(project, buildId).Logs.FirstOrDefault(l => l.Id == logId) ?? throw ServiceErrors.BuildLogNotFound(buildId, logId);
            var first = Math.Max(1, startLine ?? 1);
            var last = Math.Min(log.Lines.Count, endLine ?? log.Lines.Count);
            return last < first ? [] : log.Lines.GetRange(first - 1, last - first + 1);
        }
    }

    private JobRecord FindPlan(string project, string hub, Guid planId)
    {
        RequireProject(project);
        return hub.Equals("build", StringComparison.OrdinalIgnoreCase) ? _jobs.FirstOrDefault(j => j.PlanId == planId) ?? throw ServiceErrors.PlanNotFound(planId)
            : throw ServiceErrors.PlanNotFound(planId);
    }

    private JobRecord FindBuild(string project, int buildId)
    {
        RequireProject(project);
        return _runs.TryGetValue(buildId, out var run) && run.Job is { } job ? job : throw ServiceErrors.BuildNotFound(buildId);
    }

    private static TaskLog LogToWire(LogRecord log) => new()
    {
        Id = log.Id,
        Path = log.Path,
        LineCount = log.Lines.Count,
        CreatedOn = log.CreatedOn,
        LastChangedOn = log.LastChangedOn,
    };
}
