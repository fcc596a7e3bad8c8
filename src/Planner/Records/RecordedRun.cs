using AspireAgents.Scaling;

namespace AspireAgents.Planner.Records;

/// <summary>
/// The settings a recorded run ran with and what was measured in it, so that a replay can be compared with it
/// (bench/Scaling.Scenarios writes these).
/// </summary>
public sealed record RecordedRun
{
    /// <summary>The polling interval, seconds.</summary>
    public required double PollingIntervalSeconds { get; init; }

    /// <summary>Max executions.</summary>
    public required int MaxExecutions { get; init; }

    /// <summary>Standby agents the Scaler added to its queue length.</summary>
    public int Standby { get; init; }

    /// <summary>KEDA's scaling strategy.</summary>
    public KedaScalingStrategy Strategy { get; init; } = KedaScalingStrategy.Default;

    /// <summary>The scaler's <c>scaleOnInFlight</c>.</summary>
    public bool ScaleOnInFlight { get; init; } = true;

    /// <summary>How long an execution whose agent got no job waited before it ended, seconds.</summary>
    public required double IdleTimeoutSeconds { get; init; }

    /// <summary>Measured job wait (queue to receive) p50, seconds, nearest rank.</summary>
    public required double WaitP50 { get; init; }

    /// <summary>Measured job wait p95, seconds, nearest rank.</summary>
    public required double WaitP95 { get; init; }

    /// <summary>Executions started in the run.</summary>
    public required int Executions { get; init; }

    /// <summary>
    /// Each execution's creation to its agent receiving its job, seconds: the measured start-time model (start-up and
    /// pickup together, so a replay of it uses a pickup time of 0).
    /// </summary>
    public required IReadOnlyList<double> ExecutionStartSeconds { get; init; }

    /// <summary>What the run was, in words (machine, load, command).</summary>
    public string? Description { get; init; }
}
