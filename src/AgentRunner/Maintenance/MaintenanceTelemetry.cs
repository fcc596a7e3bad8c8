using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>
/// A maintenance run's telemetry: its span (under the runner's source, so under the execution's trace context) with
/// one event per agent judged, and counters of agents removed and kept by reason and of placeholder states.
/// </summary>
internal static class MaintenanceTelemetry
{
    /// <summary>The meter's name, under the prefix every process of the application exports.</summary>
    public const string MeterName = RunnerTelemetry.SourceName + ".Maintenance";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Counter<long> s_agents = s_meter.CreateCounter<long>(
        "azp.maintenance.agents", "{agent}", "Agents a maintenance run judged, by action (removed, kept) and reason.");

    private static readonly Counter<long> s_placeholder = s_meter.CreateCounter<long>(
        "azp.maintenance.placeholder.checks", "{check}", "Placeholder checks, by the state found and whether the run registered it again.");

    /// <summary>Attribute names.</summary>
    public static class Tags
    {
        public const string Action = "azp.maintenance.action";
        public const string Reason = "azp.maintenance.reason";
        public const string Removed = "azp.maintenance.removed";
        public const string Kept = "azp.maintenance.kept";
        public const string PlaceholderState = "azp.placeholder.state";
        public const string PlaceholderDetail = "azp.placeholder.detail";
        public const string PlaceholderRegistered = "azp.placeholder.registered";
        public const string GracePeriod = "azp.maintenance.grace_period";
    }

    /// <summary>Starts a maintenance run's span; its parent is the execution's trace context when one is given.</summary>
    public static Activity? StartRun(string? traceParent, string? traceState) => RunnerTelemetry.StartExecution(traceParent, traceState, "agent maintenance");

    /// <summary>Records one agent's verdict as an event of the run's span and in the counter.</summary>
    public static void RecordVerdict(Activity? run, string pool, AgentVerdict verdict)
    {
        var action = verdict.Remove ? "removed" : "kept";
        s_agents.Add(1, new(RunnerTelemetry.Tags.PoolName, pool), new(Tags.Action, action), new(Tags.Reason, verdict.Reason.ToString()));
        run?.AddEvent(new ActivityEvent($"agent {action}", tags: new ActivityTagsCollection
        {
            [RunnerTelemetry.Tags.AgentName] = verdict.Agent.Name,
            [RunnerTelemetry.Tags.AgentId] = verdict.Agent.Id,
            [Tags.Reason] = verdict.Reason.ToString(),
        }));
    }

    /// <summary>Records the placeholder's state and whether the run registered it again.</summary>
    public static void RecordPlaceholder(Activity? run, string pool, PlaceholderState state, string detail, bool registered)
    {
        s_placeholder.Add(1, new(RunnerTelemetry.Tags.PoolName, pool), new(Tags.PlaceholderState, state.ToString()), new(Tags.PlaceholderRegistered, registered));
        run?.SetTag(Tags.PlaceholderState, state.ToString());
        run?.SetTag(Tags.PlaceholderDetail, detail);
        run?.SetTag(Tags.PlaceholderRegistered, registered);
    }
}
