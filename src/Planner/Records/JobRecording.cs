namespace AspireAgents.Planner.Records;

/// <summary>The planner's job-record file: a pool's finished jobs, and the run they came from when it was measured.</summary>
public sealed record JobRecording
{
    /// <summary>Where the jobs were read: an organisation and pool, or a file.</summary>
    public string? Source { get; init; }

    /// <summary>The finished jobs, in any order.</summary>
    public required IReadOnlyList<JobRecord> Jobs { get; init; }

    /// <summary>The measured run, when the jobs are a scenario run's.</summary>
    public RecordedRun? Run { get; init; }
}
