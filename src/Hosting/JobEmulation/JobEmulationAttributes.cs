namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The attribute names of the job emulation's spans and metrics (<see cref="JobEmulationTelemetryNames.Source"/>):
/// OpenTelemetry's where one exists, else <c>keda.*</c>, <c>containerapp.*</c>, <c>azp.*</c>. docs/observability.md lists them.
/// </summary>
public static class JobEmulationAttributes
{
    /// <summary>The job's name.</summary>
    public const string JobName = "containerapp.job.name";

    /// <summary>The execution's name.</summary>
    public const string ExecutionName = "containerapp.job.execution.name";

    /// <summary>The replica's name (an execution's retry is a new replica).</summary>
    public const string ReplicaName = "containerapp.replica.name";

    /// <summary>Whether the execution registers the pool's placeholder agent.</summary>
    public const string Placeholder = "containerapp.execution.placeholder";

    /// <summary><c>decision</c>, <c>manual</c> or <c>placeholder</c>.</summary>
    public const string StartedBy = "containerapp.execution.started_by";

    /// <summary>How the execution ended.</summary>
    public const string Outcome = "containerapp.execution.outcome";

    /// <summary>Replicas the execution ran.</summary>
    public const string Attempts = "containerapp.execution.attempts";

    /// <summary>The runner's exit code.</summary>
    public const string ExitCode = "process.exit.code";

    /// <summary>The runner's process id.</summary>
    public const string ProcessId = "process.pid";

    /// <summary>The agent's name.</summary>
    public const string AgentName = "azp.agent.name";

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

    /// <summary>The metric's target per execution.</summary>
    public const string Target = "keda.target";

    /// <summary>The standby agents the scaler included in the queue length, from its <c>GetMetrics</c> trailers (0 when none).</summary>
    public const string StandbyAgents = "azp.standby.agents";

    /// <summary>Where the scaler's standby count came from: <c>none</c>, <c>fixed</c>, <c>schedule: &lt;window&gt;</c>, <c>auto: …</c>.</summary>
    public const string StandbySource = "azp.standby.source";

    /// <summary>Whether the trigger counted as active.</summary>
    public const string Active = "keda.active";

    /// <summary>KEDA's <c>scaleTo</c>.</summary>
    public const string ScaleTo = "keda.scale_to";

    /// <summary>KEDA's <c>maxScale</c>.</summary>
    public const string MaxScale = "keda.max_scale";

    /// <summary>What the strategy allows to start.</summary>
    public const string EffectiveMaxScale = "keda.effective_max_scale";

    /// <summary>Executions the decision started.</summary>
    public const string Started = "keda.executions_started";

    /// <summary>Why the decision started nothing, or the scaler's error.</summary>
    public const string Reason = "keda.reason";

    /// <summary>OpenTelemetry's <c>rpc.system</c>.</summary>
    public const string RpcSystem = "rpc.system";

    /// <summary>OpenTelemetry's <c>rpc.service</c>.</summary>
    public const string RpcService = "rpc.service";

    /// <summary>OpenTelemetry's <c>rpc.method</c>.</summary>
    public const string RpcMethod = "rpc.method";

    /// <summary>OpenTelemetry's <c>rpc.grpc.status_code</c>.</summary>
    public const string RpcStatusCode = "rpc.grpc.status_code";

    /// <summary>OpenTelemetry's <c>server.address</c>.</summary>
    public const string ServerAddress = "server.address";

    /// <summary>OpenTelemetry's <c>server.port</c>.</summary>
    public const string ServerPort = "server.port";

    /// <summary>OpenTelemetry's <c>error.type</c>.</summary>
    public const string ErrorType = "error.type";
}
