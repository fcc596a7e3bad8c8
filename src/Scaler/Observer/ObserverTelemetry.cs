using System.Diagnostics;
using System.Diagnostics.Metrics;
using AspireAgents.Scaling.ContainerApps;
using AspireAgents.Scaling.Telemetry;

namespace AspireAgents.Scaler.Observer;

/// <summary>
/// The observer's telemetry: a <see cref="ScalingDecisionSpan.Name"/> span per polling interval with the attributes the
/// job emulation's decisions carry, the executions that appeared in the interval, and the gap when none did.
/// </summary>
public static class ObserverTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string Name = "AspireAgents.Observer";

    /// <summary>Counter: intervals at which a gap was flagged, by job.</summary>
    public const string GapsInstrument = "containerapp.job.scaling_gaps";

    /// <summary>Counter: executions seen to appear, by job.</summary>
    public const string AppearedInstrument = "containerapp.job.executions.appeared";

    /// <summary>The span event of an execution that appeared in the interval.</summary>
    public const string AppearedEvent = "execution appeared";

    /// <summary>The span event of a flagged gap.</summary>
    public const string GapEvent = "rule not firing";

    /// <summary>The observer's own attributes; a decision's are <see cref="ScalingDecisionAttributes"/>.</summary>
    public static class Tags
    {
        /// <summary>Executions that appeared since the previous interval's read.</summary>
        public const string Appeared = "containerapp.job.executions_appeared";

        /// <summary>The execution's name (on an <see cref="AppearedEvent"/>).</summary>
        public const string ExecutionName = "containerapp.job.execution.name";

        /// <summary>The execution's status (on an <see cref="AppearedEvent"/>).</summary>
        public const string ExecutionStatus = "containerapp.job.execution.status";

        /// <summary>Intervals in a row that expected starts and saw none (on a <see cref="GapEvent"/>).</summary>
        public const string GapIntervals = "keda.gap_intervals";

        /// <summary>The starts still missing (on a <see cref="GapEvent"/>).</summary>
        public const string ExpectedStarts = "keda.expected_starts";

        /// <summary>Why the interval could not be decided (the executions API failed).</summary>
        public const string Error = "error.type";
    }

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);
    private static readonly Counter<long> s_gaps = s_meter.CreateCounter<long>(GapsInstrument, "{interval}",
        "Polling intervals at which KEDA should have started executions for several intervals and none appeared.");
    private static readonly Counter<long> s_appeared = s_meter.CreateCounter<long>(AppearedInstrument, "{execution}",
        "Executions of the job seen to appear.");

    /// <summary>Records the executions that appeared in the interval on its span and counter.</summary>
    internal static void RecordAppeared(Activity? activity, string jobName, IReadOnlyList<JobExecution> appeared)
    {
        s_appeared.Add(appeared.Count, new KeyValuePair<string, object?>(ScalingDecisionAttributes.JobName, jobName));
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.Appeared, appeared.Count);
        foreach (var execution in appeared)
        {
            activity.AddEvent(new ActivityEvent(AppearedEvent, tags: new ActivityTagsCollection
            {
                [Tags.ExecutionName] = execution.Name,
                [Tags.ExecutionStatus] = execution.Properties?.Status,
            }));
        }
    }

    /// <summary>Records a flagged gap on the span and counter.</summary>
    internal static void RecordGap(Activity? activity, string jobName, int intervals, long expected)
    {
        s_gaps.Add(1, new KeyValuePair<string, object?>(ScalingDecisionAttributes.JobName, jobName));
        activity?.AddEvent(new ActivityEvent(GapEvent, tags: new ActivityTagsCollection
        {
            [Tags.GapIntervals] = intervals,
            [Tags.ExpectedStarts] = expected,
        }));
    }
}
