using System.Diagnostics;
using System.Diagnostics.Metrics;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Organization;

namespace AspireAgents.DevOpsEmulator.Telemetry;

/// <summary>
/// The emulator's traces and metrics: a span per step of a job's life (<c>job queued</c>, <c>assigned</c>,
/// <c>received</c>, <c>finished</c>) under the request that caused it; when the job ends, a <c>job request</c> span
/// over its whole life (queued to finished) with its wait for an agent and its run as children, linked to the
/// agent's span that received it; and the job wait time as a histogram.
/// </summary>
internal static class EmulatorTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string SourceName = "AspireAgents.DevOpsEmulator";

    /// <summary>The source every emulator span comes from.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter s_meter = new(SourceName);

    private static readonly Histogram<double> s_wait = s_meter.CreateHistogram(
        "azp.job.wait.duration", "s", "How long jobs waited for an agent: queued until an agent received them, by pool.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800] });

    /// <summary>Records a step (<c>queued</c>, <c>assigned</c>, <c>received</c>, <c>finished</c>) of a job.</summary>
    public static void JobStep(string step, JobRecord job)
    {
        switch (step)
        {
            case "queued":
                job.QueuedIn = Activity.Current?.Context ?? default;
                break;
            case "received":
                job.ReceivedIn = CallerOf(Activity.Current);
                if (WaitTime(job) is { } wait)
                {
                    s_wait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("azp.pool.name", job.Pool.Name));
                }

                break;
        }

        IEnumerable<ActivityLink>? links = step == "received" && job.QueuedIn != default
            ? [new ActivityLink(job.QueuedIn, new ActivityTagsCollection { ["azp.link"] = "queued by" })]
            : null;
        using (var activity = Source.StartActivity($"job {step}", ActivityKind.Internal, parentContext: default, links: links))
        {
            if (activity is not null)
            {
                activity.SetTag("azp.job.step", step);
                Describe(activity, job);
                if (step == "received" && WaitTime(job) is { } wait)
                {
                    activity.SetTag("azp.job.wait.duration", wait.TotalSeconds);
                }
            }
        }

        if (step == "finished")
        {
            JobLife(job);
        }
    }

    /// <summary>The result as the service writes it, e.g. <c>succeeded</c>.</summary>
    public static string ResultName(TaskResult result)
    {
        var name = result.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// The job's whole life, recorded when it ends: <c>job request</c> from queued to finished under the span it was
    /// queued in, with <c>waiting for an agent</c> (queued to received) and <c>running on an agent</c> (received to
    /// finished) as children; the latter links to the agent's span that received the job.
    /// </summary>
    private static void JobLife(JobRecord job)
    {
        if (!Source.HasListeners() || job.FinishTime is not { } finished)
        {
            return;
        }

        // The life hangs under the request that queued the job, not under whichever request finished it.
        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            using var life = Source.StartActivity("job request", ActivityKind.Internal, job.QueuedIn, startTime: job.QueueTime);
            if (life is null)
            {
                return;
            }

            Describe(life, job);
            if (WaitTime(job) is { } wait)
            {
                life.SetTag("azp.job.wait.duration", wait.TotalSeconds);
            }

            if (job.AssignTime is { } assigned)
            {
                life.AddEvent(new ActivityEvent("assigned", assigned, new ActivityTagsCollection { ["azp.agent.name"] = job.ReservedAgent?.Name }));
            }

            var received = job.ReceiveTime;
            Child(life, "waiting for an agent", job.QueueTime, received ?? finished, links: null, tags: null);
            if (received is { } start)
            {
                life.AddEvent(new ActivityEvent("received", start));
                IEnumerable<ActivityLink>? links = job.ReceivedIn != default
                    ? [new ActivityLink(job.ReceivedIn, new ActivityTagsCollection { ["azp.link"] = "received by" })]
                    : null;
                var agent = job.ReservedAgent;
                Child(life, "running on an agent", start, finished, links, agent is null ? null : new ActivityTagsCollection
                {
                    ["azp.agent.id"] = agent.Id,
                    ["azp.agent.name"] = agent.Name,
                });
            }

            life.SetEndTime(finished.UtcDateTime);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private static void Child(Activity parent, string name, DateTimeOffset start, DateTimeOffset end, IEnumerable<ActivityLink>? links, ActivityTagsCollection? tags)
    {
        var child = Source.StartActivity(name, ActivityKind.Internal, parent.Context, tags, links, start);
        if (child is not null)
        {
            child.SetTag("azp.job_request.id", parent.GetTagItem("azp.job_request.id"));
            child.SetEndTime(end.UtcDateTime);
            child.Stop();
        }
    }

    private static void Describe(Activity activity, JobRecord job)
    {
        activity.SetTag("azp.job_request.id", job.RequestId);
        activity.SetTag("azp.plan.id", job.PlanId.ToString());
        activity.SetTag("azp.pool.id", job.Pool.Id);
        activity.SetTag("azp.pool.name", job.Pool.Name);
        activity.SetTag("azp.pipeline.name", job.Run.Pipeline.Name);
        activity.SetTag("azp.run.id", job.Run.Id);
        activity.SetTag("azp.job.demands", string.Join(", ", job.Demands));
        if (job.ReservedAgent is { } agent)
        {
            activity.SetTag("azp.agent.id", agent.Id);
            activity.SetTag("azp.agent.name", agent.Name);
        }

        if (job.Result is { } result)
        {
            activity.SetTag("azp.job.result", ResultName(result));
            if (result is not (TaskResult.Succeeded or TaskResult.SucceededWithIssues))
            {
                activity.SetStatus(ActivityStatusCode.Error, job.StatusMessage);
            }
        }
    }

    private static TimeSpan? WaitTime(JobRecord job) => job.ReceiveTime is { } received ? received - job.QueueTime : null;

    /// <summary>
    /// The caller's span of the current request: the remote parent the caller's <c>traceparent</c> named, or
    /// nothing when the caller sent none (the request's own span would only link to itself).
    /// </summary>
    private static ActivityContext CallerOf(Activity? request) =>
        request is { HasRemoteParent: true, ParentSpanId: var parent } && parent != default
            ? new ActivityContext(request.TraceId, parent, request.ActivityTraceFlags, isRemote: true)
            : default;
}
