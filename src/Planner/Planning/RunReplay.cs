using AspireAgents.Planner.Records;
using AspireAgents.Planner.Simulation;
using AspireAgents.Scaling;

namespace AspireAgents.Planner.Planning;

/// <summary>Replays a recorded scenario run with its own setting and its measured start times: the planner's check on itself.</summary>
public static class RunReplay
{
    /// <summary>The recorded run's setting. Its start times already hold the pickup, so none is added.</summary>
    /// <param name="run">The recorded run.</param>
    /// <param name="startTime">The start-time model; the run's measured one when null.</param>
    public static SimulationSettings Settings(RecordedRun run, StartTimeModel? startTime = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SimulationSettings
        {
            PollingIntervalSeconds = run.PollingIntervalSeconds,
            Scaling = new ScaledJobSettings { MaxExecutions = run.MaxExecutions, Strategy = run.Strategy },
            ScaleOnInFlight = run.ScaleOnInFlight,
            Standby = run.Standby,
            StartTime = startTime ?? StartTimeModel.Measured(run.ExecutionStartSeconds),
            PickupSeconds = 0,
            IdleTimeoutSeconds = run.IdleTimeoutSeconds,
        };
    }

    /// <summary>Predicts the recorded run.</summary>
    /// <param name="recording">A recording with its <see cref="JobRecording.Run"/>.</param>
    /// <param name="replications">Replays to average.</param>
    /// <param name="rates">The cost rates.</param>
    /// <param name="startTime">The start-time model; the run's measured one when null.</param>
    /// <exception cref="ArgumentException">The recording has no run.</exception>
    public static PlanOutcome Predict(JobRecording recording, int replications, CostRates rates, StartTimeModel? startTime = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var run = recording.Run ?? throw new ArgumentException("The recording has no measured run.", nameof(recording));
        return Replay.Run(recording.Jobs, Settings(run, startTime), replications, rates);
    }
}
