namespace AspireAgents.Scaling.Telemetry;

/// <summary>
/// The attribute names of a <c>scaling decision</c> span, one definition for every component that makes one: the job
/// emulation under <c>dotnet run</c> and the observer beside the scale rule in Azure, so that a decision reads the same
/// wherever it was made. docs/observability.md lists them.
/// </summary>
public static class ScalingDecisionAttributes
{
    /// <summary>The job's name.</summary>
    public const string JobName = "containerapp.job.name";

    /// <summary>The agent pool's name.</summary>
    public const string PoolName = "azp.pool.name";

    /// <summary>The agent pool's id.</summary>
    public const string PoolId = "azp.pool.id";

    /// <summary>The polling interval, in seconds.</summary>
    public const string PollingInterval = "keda.polling_interval";

    /// <summary>The KEDA scaling strategy, lower case.</summary>
    public const string Strategy = "keda.strategy";

    /// <summary>The rule's <c>scaleOnInFlight</c>.</summary>
    public const string ScaleOnInFlight = "keda.scale_on_in_flight";

    /// <summary>Minimum executions.</summary>
    public const string MinExecutions = "keda.min_executions";

    /// <summary>Maximum executions.</summary>
    public const string MaxExecutions = "keda.max_executions";

    /// <summary>Unfinished executions, pending ones included, counted before the scaler was asked.</summary>
    public const string Running = "keda.running_executions";

    /// <summary>Executions whose process has not started.</summary>
    public const string Pending = "keda.pending_executions";

    /// <summary>The metric name the scaler reported.</summary>
    public const string MetricName = "keda.metric_name";

    /// <summary>The queue length the scaler reported.</summary>
    public const string QueueLength = "keda.queue_length";

    /// <summary>The standby agents the scaler included in the queue length, from its <c>GetMetrics</c> trailers (0 when none).</summary>
    public const string StandbyAgents = "azp.standby.agents";

    /// <summary>Where the scaler's standby count came from: <c>none</c>, <c>fixed</c>, <c>schedule: &lt;window&gt;</c>, <c>auto: …</c>.</summary>
    public const string StandbySource = "azp.standby.source";

    /// <summary>The metric's target per execution.</summary>
    public const string Target = "keda.target";

    /// <summary>Whether the trigger counted as active.</summary>
    public const string Active = "keda.active";

    /// <summary>KEDA's <c>scaleTo</c>.</summary>
    public const string ScaleTo = "keda.scale_to";

    /// <summary>KEDA's <c>maxScale</c>.</summary>
    public const string MaxScale = "keda.max_scale";

    /// <summary>What the strategy allows to start.</summary>
    public const string EffectiveMaxScale = "keda.effective_max_scale";

    /// <summary>Executions the decision started (the emulation) or that KEDA should start (the observer).</summary>
    public const string Started = "keda.executions_started";

    /// <summary>Why the decision started nothing, or the scaler's error.</summary>
    public const string Reason = "keda.reason";
}
