using AspireAgents.Scaling;

namespace AspireAgents.Planner.Simulation;

/// <summary>One scaling setting to replay jobs with, and the model of the agents it starts.</summary>
public sealed record SimulationSettings
{
    /// <summary>The polling interval, seconds.</summary>
    public double PollingIntervalSeconds { get; init; } = 30;

    /// <summary>KEDA's ScaledJob settings (max executions, strategy).</summary>
    public ScaledJobSettings Scaling { get; init; } = new() { MaxExecutions = 10 };

    /// <summary>The trigger's <c>targetPipelinesQueueLength</c>: jobs per execution.</summary>
    public double TargetQueueLength { get; init; } = 1;

    /// <summary>The scaler's <c>scaleOnInFlight</c>: jobs an agent received but has not finished count too.</summary>
    public bool ScaleOnInFlight { get; init; } = true;

    /// <summary>Agents the Scaler adds to the queue length it reports, so that this many wait idle for the next job.</summary>
    public int Standby { get; init; }

    /// <summary>
    /// The trigger's demands, which are also what its agents satisfy: with none, every job counts and the agents take
    /// the jobs that demand nothing; with some, only jobs whose demands are among them count and are taken.
    /// </summary>
    public IReadOnlyList<string> Demands { get; init; } = [];

    /// <summary>An execution's creation to its agent being online.</summary>
    public StartTimeModel StartTime { get; init; } = StartTimeModel.Fixed(15);

    /// <summary>An online agent's taking a waiting job to receiving it, seconds.</summary>
    public double PickupSeconds { get; init; }

    /// <summary>How long an online agent without a job waits before its execution ends (the replica timeout on ACA), seconds.</summary>
    public double IdleTimeoutSeconds { get; init; } = 1800;

    /// <summary>The first polling tick, seconds after the first job was queued (the phase of the polling clock).</summary>
    public double FirstTickSeconds { get; init; }
}
