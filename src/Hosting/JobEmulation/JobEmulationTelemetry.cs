using System.Diagnostics;
using System.Globalization;
using Names = Aspire.Hosting.JobEmulation.JobEmulationTelemetryNames;
using Tags = Aspire.Hosting.JobEmulation.JobEmulationAttributes;
using AspireAgents.Scaling;
using AspireAgents.Scaling.Telemetry;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The job emulation's spans, <see cref="Names.Source"/>: a span per scaling decision whose children are the scaler's
/// gRPC calls and the executions it started. Metrics are in <see cref="JobEmulationMetrics"/>.
/// </summary>
internal static class JobEmulationTelemetry
{
    /// <summary>The source every span of the emulation comes from; stateless, so shared as .NET's own sources are.</summary>
    public static readonly ActivitySource Source = new(Names.Source);

    /// <summary>Starts the span of one polling interval's decision, a trace of its own, tagged with its settings.</summary>
    public static Activity? StartDecision(string jobName, PollingSettings settings)
    {
        // A decision starts a trace of its own, whatever the poll loop runs under.
        Activity.Current = null;
        var activity = Source.StartActivity(Names.DecisionSpan, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        ScalingDecisionSpan.TagSettings(activity, jobName, settings.PoolName, settings.PoolId, settings.PollingInterval, settings.Scaling, settings.ScaleOnInFlight);
        return activity;
    }

    /// <summary>What the decision span and the dashboard say when the scaler reported no standby.</summary>
    public const string StandbyNone = AspireAgents.Scaling.Standby.StandbyTarget.NoneSource;

    /// <summary>Records a decision's inputs and outcome on its span.</summary>
    public static void RecordDecision(Activity? activity, PollingDecision decision) => ScalingDecisionSpan.RecordDecision(activity, decision);

    /// <summary>
    /// Starts a client span for a call to the external scaler, as OpenTelemetry's gRPC conventions name it
    /// (<c>externalscaler.ExternalScaler/GetMetrics</c>).
    /// </summary>
    public static Activity? StartScalerCall(string method, Uri address)
    {
        const string service = "externalscaler.ExternalScaler";
        var activity = Source.StartActivity($"{service}/{method}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(Tags.RpcSystem, "grpc");
            activity.SetTag(Tags.RpcService, service);
            activity.SetTag(Tags.RpcMethod, method);
            activity.SetTag(Tags.ServerAddress, address.Host);
            activity.SetTag(Tags.ServerPort, address.Port);
        }

        return activity;
    }

    /// <summary>Starts an execution's span under <paramref name="parent"/> (the decision that started it, or none).</summary>
    public static Activity? StartExecution(JobExecution execution, ActivityContext parent)
    {
        // Without a decision (a manual start, the placeholder) the execution starts a trace of its own.
        Activity.Current = null;
        var activity = Source.StartActivity(Names.ExecutionSpan, ActivityKind.Internal, parent);
        if (activity is not null)
        {
            activity.SetTag(Tags.JobName, execution.Resource.Parent.Name);
            activity.SetTag(Tags.ExecutionName, execution.Name);
            activity.SetTag(Tags.Placeholder, execution.IsPlaceholder);
            activity.SetTag(Tags.StartedBy, StartedBy(execution, parent));
        }

        return activity;
    }

    /// <summary>Records an execution's end on its span.</summary>
    public static void RecordExecutionEnded(Activity? activity, JobExecution execution)
    {
        if (activity is null)
        {
            return;
        }

        var outcome = execution.Outcome.ToString();
        activity.SetTag(Tags.Outcome, outcome);
        activity.SetTag(Tags.Attempts, execution.Attempts);
        if (execution.ExitCode is { } exitCode)
        {
            activity.SetTag(Tags.ExitCode, exitCode);
        }

        if (execution.Outcome is ExecutionOutcome.Failed or ExecutionOutcome.TimedOut)
        {
            activity.SetStatus(ActivityStatusCode.Error, $"{outcome} (exit code {execution.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        }
    }

    /// <summary>What started an execution: <c>decision</c>, <c>schedule</c>, <c>manual</c> or <c>placeholder</c>.</summary>
    public static string StartedBy(JobExecution execution, ActivityContext parent) =>
        execution.IsPlaceholder ? "placeholder" : execution.IsScheduled ? "schedule" : parent == default ? "manual" : "decision";
}
