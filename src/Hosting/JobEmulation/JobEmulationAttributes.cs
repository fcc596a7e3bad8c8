using DecisionAttributes = AspireAgents.Scaling.Telemetry.ScalingDecisionAttributes;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The attribute names of the job emulation's spans and metrics (<see cref="JobEmulationTelemetryNames.Source"/>):
/// OpenTelemetry's where one exists, else <c>keda.*</c>, <c>containerapp.*</c>, <c>azp.*</c>. A decision's are
/// <see cref="AspireAgents.Scaling.Telemetry.ScalingDecisionAttributes"/>, shared with the observer. docs/observability.md lists them.
/// </summary>
public static class JobEmulationAttributes
{
    /// <summary>The job's name.</summary>
    public const string JobName = DecisionAttributes.JobName;

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
    public const string PoolName = DecisionAttributes.PoolName;

    /// <summary>The agent pool's id.</summary>
    public const string PoolId = DecisionAttributes.PoolId;

    /// <summary>The polling interval, in seconds.</summary>
    public const string PollingInterval = DecisionAttributes.PollingInterval;

    /// <summary>The KEDA scaling strategy, lower case.</summary>
    public const string Strategy = DecisionAttributes.Strategy;

    /// <summary>The rule's <c>scaleOnInFlight</c>.</summary>
    public const string ScaleOnInFlight = DecisionAttributes.ScaleOnInFlight;

    /// <summary>Minimum executions.</summary>
    public const string MinExecutions = DecisionAttributes.MinExecutions;

    /// <summary>Maximum executions.</summary>
    public const string MaxExecutions = DecisionAttributes.MaxExecutions;

    /// <summary>Unfinished executions, pending ones included, counted before the scaler was asked.</summary>
    public const string Running = DecisionAttributes.Running;

    /// <summary>Executions whose process has not started.</summary>
    public const string Pending = DecisionAttributes.Pending;

    /// <summary>The metric name the scaler reported.</summary>
    public const string MetricName = DecisionAttributes.MetricName;

    /// <summary>The queue length the scaler reported.</summary>
    public const string QueueLength = DecisionAttributes.QueueLength;

    /// <summary>The metric's target per execution.</summary>
    public const string Target = DecisionAttributes.Target;

    /// <summary>The standby agents the scaler included in the queue length, from its <c>GetMetrics</c> trailers (0 when none).</summary>
    public const string StandbyAgents = DecisionAttributes.StandbyAgents;

    /// <summary>Where the scaler's standby count came from: <c>none</c>, <c>fixed</c>, <c>schedule: &lt;window&gt;</c>, <c>auto: …</c>.</summary>
    public const string StandbySource = DecisionAttributes.StandbySource;

    /// <summary>Whether the trigger counted as active.</summary>
    public const string Active = DecisionAttributes.Active;

    /// <summary>KEDA's <c>scaleTo</c>.</summary>
    public const string ScaleTo = DecisionAttributes.ScaleTo;

    /// <summary>KEDA's <c>maxScale</c>.</summary>
    public const string MaxScale = DecisionAttributes.MaxScale;

    /// <summary>What the strategy allows to start.</summary>
    public const string EffectiveMaxScale = DecisionAttributes.EffectiveMaxScale;

    /// <summary>Executions the decision started.</summary>
    public const string Started = DecisionAttributes.Started;

    /// <summary>Why the decision started nothing, or the scaler's error.</summary>
    public const string Reason = DecisionAttributes.Reason;

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
