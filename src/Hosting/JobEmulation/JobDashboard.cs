using System.Collections.Immutable;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Names = Aspire.Hosting.JobEmulation.ContainerAppJobProperties;
using AspireAgents.Scaling;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// What a job shows in the dashboard: its state, the last decision's properties and its execution counters.
/// </summary>
internal sealed class JobDashboard(ContainerAppJobResource job, ResourceNotificationService notifications, TimeProvider time)
{
    private readonly object _gate = new();
    private ResourceStateSnapshot? _state;

    /// <summary>Shows a decision: what it read, what it started and why not more.</summary>
    public Task PublishDecisionAsync(PollingDecision decision, PollingSettings settings, ExecutionTotals totals)
    {
        var scaling = settings.Scaling;
        List<ResourcePropertySnapshot> properties =
        [
            Shown(Names.DecidedAt, "Last decision", time.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
            Shown(Names.Strategy, "Strategy", scaling.Strategy.ToString().ToLowerInvariant()),
            Shown(Names.QueueLength, "Queue length", decision.Reading?.QueueLength),
            Shown(Names.Target, "Target per execution", decision.Reading?.Target),
            Shown(Names.StandbyAgents, "Standby agents", decision.Reading?.StandbyAgents),
            Shown(Names.StandbySource, "Standby from", decision.Reading is { } reading ? reading.StandbySource ?? JobEmulationTelemetry.StandbyNone : null),
            Shown(Names.Active, "Active", decision.IsScalerError ? null : decision.Scaling.Active),
            Shown(Names.RunningExecutions, "Running (R)", decision.Counts.Running),
            Shown(Names.PendingExecutions, "Pending (P)", decision.Counts.Pending),
            Shown(Names.MinExecutions, "Min executions", scaling.MinExecutions),
            Shown(Names.MaxExecutions, "Max executions", scaling.MaxExecutions),
            Shown(Names.ExecutionsStarted, "Started", decision.ToStart),
            Shown(Names.Reason, "Why nothing started", decision.Reason ?? ""),
            Shown(Names.PairingWarning, "Pairing warning", settings.PairingWarning ?? ""),
        ];
        var (state, style) = decision.IsScalerError
            ? ("Scaler unavailable", KnownResourceStateStyles.Warn)
            : ("Polling", KnownResourceStateStyles.Success);
        return PublishAsync(state, style, totals, properties);
    }

    /// <summary>Publishes the job's state (unchanged when <paramref name="state"/> is null), properties and counters.</summary>
    public Task PublishAsync(string? state, string? style, ExecutionTotals totals, IReadOnlyCollection<ResourcePropertySnapshot>? properties = null)
    {
        properties ??= [];
        ResourceStateSnapshot? current;
        lock (_gate)
        {
            if (state is not null)
            {
                _state = new ResourceStateSnapshot(state, style);
            }

            current = _state;
        }

        var counters = new ResourcePropertySnapshot[]
        {
            Shown(Names.Started, "Executions started", totals.Started),
            Shown(Names.Running, "Executions running", totals.Running),
            Shown(Names.Succeeded, "Executions succeeded", totals.Succeeded),
            Shown(Names.Failed, "Executions failed", totals.Failed),
            Shown(Names.MaxConcurrent, "Most at once", totals.MaxConcurrent),
        };
        var names = properties.Concat(counters).Select(p => p.Name).ToHashSet();
        return notifications.PublishUpdateAsync(job, snapshot => snapshot with
        {
            State = current ?? snapshot.State,
            StartTimeStamp = snapshot.StartTimeStamp ?? time.GetUtcNow().UtcDateTime,
            Properties = snapshot.Properties.Where(p => !names.Contains(p.Name)).ToImmutableArray().AddRange(properties).AddRange(counters),
        });
    }

    /// <summary>Hides executions that no longer fit the history.</summary>
    public async Task HideAsync(IEnumerable<JobExecution> executions)
    {
        foreach (var execution in executions)
        {
            await notifications.PublishUpdateAsync(execution.Resource, s => s with { IsHidden = true }).ConfigureAwait(false);
        }
    }

    /// <summary>A property the dashboard lists by default, under a readable name.</summary>
    private static ResourcePropertySnapshot Shown(string name, string displayName, object? value) =>
        new(name, value) { DisplayName = displayName, IsHighlighted = true };
}
