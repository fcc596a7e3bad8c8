using System.Collections.Concurrent;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Counting;

namespace AspireAgents.Scaler.Services;

/// <summary>One read of a pool's job list, shared by every trigger asking about it; counts are computed once per set of rules.</summary>
/// <param name="jobs">The jobs as Azure DevOps listed them.</param>
public sealed class PoolJobs(IReadOnlyList<TaskAgentJobRequest> jobs)
{
    private readonly ConcurrentDictionary<CountingRules, long> _counts = new();

    /// <summary>The jobs as Azure DevOps listed them.</summary>
    public IReadOnlyList<TaskAgentJobRequest> Jobs { get; } = jobs;

    /// <summary>The queue length under <paramref name="rules"/>.</summary>
    /// <param name="rules">A trigger's counting rules.</param>
    /// <returns>The number of jobs that count.</returns>
    public long Count(CountingRules rules) => _counts.GetOrAdd(rules, static (r, list) => QueueCounter.Count(list, r), Jobs);
}
