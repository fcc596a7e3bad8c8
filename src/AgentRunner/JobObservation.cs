using System.Diagnostics;
using System.Text.RegularExpressions;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner;

/// <summary>
/// What the runner learns about the job its agent ran, for the <c>job</c> span and the metrics: the request, run and
/// times from Azure DevOps (the agent's assigned request), whether the agent took a job and its result from the
/// agent's own output (<c>Running job: …</c>, <c>Job … completed with result: …</c>, as the Azure Pipelines agent
/// prints them).
/// </summary>
internal sealed partial class JobObservation
{
    private readonly Lock _gate = new();
    private bool _started;
    private string? _result;
    private TaskAgentJobRequest? _request;

    /// <summary>The agent's id in the pool, once a look-up found it.</summary>
    public int? AgentId { get; private set; }

    /// <summary>Whether the agent took a job (it said so, or Azure DevOps assigned one to it).</summary>
    public bool ReceivedJob
    {
        get
        {
            lock (_gate)
            {
                return _started || _request is not null;
            }
        }
    }

    /// <summary>Whether everything the span reports is known, so no further look-up is needed.</summary>
    public bool IsComplete
    {
        get
        {
            lock (_gate)
            {
                return _request is { QueueTime: not null, ReceiveTime: not null } && (_result ?? Result(_request)) is not null;
            }
        }
    }

    /// <summary>The request id, once known.</summary>
    public long? RequestId
    {
        get
        {
            lock (_gate)
            {
                return _request?.RequestId;
            }
        }
    }

    /// <summary>How long the job waited for an agent: queued until this agent received it.</summary>
    public TimeSpan? WaitTime
    {
        get
        {
            lock (_gate)
            {
                return _request is { QueueTime: { } queued, ReceiveTime: { } received } && received >= queued ? received - queued : null;
            }
        }
    }

    /// <summary>Takes what Azure DevOps says about the agent and the request assigned to it.</summary>
    public void Observe(TaskAgent agent)
    {
        AgentId = agent.Id;
        if (agent.AssignedRequest is { } request)
        {
            Observe(request);
        }
    }

    /// <summary>Takes what Azure DevOps says about the agent's job request; later answers win.</summary>
    public void Observe(TaskAgentJobRequest request)
    {
        lock (_gate)
        {
            if (_request is null || _request.RequestId == request.RequestId)
            {
                _request = _request is null ? request : request with
                {
                    QueueTime = request.QueueTime ?? _request.QueueTime,
                    ReceiveTime = request.ReceiveTime ?? _request.ReceiveTime,
                    Owner = request.Owner ?? _request.Owner,
                    Definition = request.Definition ?? _request.Definition,
                };
            }
        }
    }

    /// <summary>Reads a line of the agent's output.</summary>
    public void ObserveOutput(string line)
    {
        if (line.Contains("Running job: ", StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _started = true;
            }

            return;
        }

        var completed = CompletedPattern().Match(line);
        if (completed.Success)
        {
            lock (_gate)
            {
                _started = true;
                _result = Normalize(completed.Groups["result"].Value);
            }
        }
    }

    /// <summary>Puts what is known on <paramref name="job"/> (the job step's span) and <paramref name="execution"/>.</summary>
    public void Tag(Activity? job, Activity? execution)
    {
        TaskAgentJobRequest? request;
        string? result;
        bool started;
        lock (_gate)
        {
            (request, result, started) = (_request, _result ?? Result(_request), _started || _request is not null);
        }

        foreach (var activity in new[] { job, execution })
        {
            if (activity is null)
            {
                continue;
            }

            activity.SetTag(RunnerTelemetry.Tags.JobReceived, started);
            if (AgentId is { } agentId)
            {
                activity.SetTag(RunnerTelemetry.Tags.AgentId, agentId);
            }

            if (request is not null)
            {
                activity.SetTag(RunnerTelemetry.Tags.JobRequestId, request.RequestId);
                activity.SetTag(RunnerTelemetry.Tags.RunId, request.Owner?.Id);
                activity.SetTag(RunnerTelemetry.Tags.PipelineName, request.Definition?.Name);
            }

            if (result is not null)
            {
                activity.SetTag(RunnerTelemetry.Tags.JobResult, result);
            }
        }

        if (job is not null && WaitTime is { } wait)
        {
            job.SetTag(RunnerTelemetry.Tags.JobWait, wait.TotalSeconds);
        }
    }

    private static string? Result(TaskAgentJobRequest? request) => request?.Result is { } result ? Normalize(result.ToString()) : null;

    /// <summary>The result as Azure DevOps writes it in JSON: <c>succeeded</c>, <c>succeededWithIssues</c>, <c>failed</c>…</summary>
    private static string Normalize(string result) => result.Length == 0 ? result : char.ToLowerInvariant(result[0]) + result[1..];

    [GeneratedRegex(@"Job .+ completed with result: (?<result>[A-Za-z]+)\s*$")]
    private static partial Regex CompletedPattern();
}
