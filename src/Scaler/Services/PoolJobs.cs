using System.Collections.Concurrent;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Counting;

namespace AspireAgents.Scaler.Services;

/// <summary>One read of a pool's job list, shared by every trigger asking about it; counts are computed once per set of rules.</summary>
/// <param name="jobs">The jobs as Azure DevOps listed them.</param>
/// <param name="maxKeptCounts">How many distinct rules' counts are kept; callers choose the rules, so past this they are computed each time.</param>
public sealed class PoolJobs(IReadOnlyList<TaskAgentJobRequest> jobs, int maxKeptCounts = 256)
{
    private readonly ConcurrentDictionary<CountingRules, long> _counts = new();

    /// <summary>The jobs as Azure DevOps listed them.</summary>
    public IReadOnlyList<TaskAgentJobRequest> Jobs { get; } = jobs;

    /// <summary>The queue length under <paramref name="rules"/>.</summary>
    /// <param name="rules">A trigger's counting rules.</param>
    /// <returns>The number of jobs that count.</returns>
    public long Count(CountingRules rules)
    {
        if (_counts.TryGetValue(rules, out var known))
        {
            return known;
        }

        var count = QueueCounter.Count(Jobs, rules);
        if (_counts.Count < maxKeptCounts)
        {
            _counts.TryAdd(rules, count);
        }

        return count;
    }

    /// <summary>How many rules' counts are kept.</summary>
    public int KeptCounts => _counts.Count;
}
