using AspireAgents.Scaler.Caching;

namespace AspireAgents.Scaler.Services;

/// <summary>A trigger's queue length and where it came from.</summary>
/// <param name="PoolId">The pool's id (resolved from its name when needed).</param>
/// <param name="QueueLength">The jobs counted for the trigger.</param>
/// <param name="Outcome">How the job list was obtained.</param>
/// <param name="FetchedAt">When the job list was read from Azure DevOps.</param>
/// <param name="FetchedBy">The span that read the job list from Azure DevOps.</param>
public readonly record struct QueueMeasurement(int PoolId, long QueueLength, CacheOutcome Outcome, DateTimeOffset FetchedAt, System.Diagnostics.ActivityContext FetchedBy = default);
