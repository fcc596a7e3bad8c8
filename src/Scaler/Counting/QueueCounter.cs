using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Scaler.Counting;

/// <summary>
/// Counts a trigger's queue length from a pool's job list with exactly the rules of KEDA's <c>azure-pipelines</c>
/// scaler: finished jobs never count; received jobs count only with <c>scaleOnInFlight</c>; then the parent rule,
/// else the demand rule, else every remaining job.
/// </summary>
public static class QueueCounter
{
    /// <summary>Counts the jobs of <paramref name="jobs"/> that the trigger's agents should take.</summary>
    /// <param name="jobs">The pool's job requests.</param>
    /// <param name="rules">The trigger's rules.</param>
    /// <returns>The queue length.</returns>
    public static long Count(IReadOnlyList<TaskAgentJobRequest> jobs, CountingRules rules)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(rules);
        long count = 0;
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (!IsAlive(job, rules.ScaleOnInFlight))
            {
                continue;
            }

            if (rules.Parent is { } parent)
            {
                if (ParentMatches(job, parent))
                {
                    count++;
                }
            }
            else if (!rules.HasDemands || DemandsMatch(job, rules))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Whether a job still waits for (or, with <paramref name="scaleOnInFlight"/>, still occupies) an agent: it has no
    /// result, and without <paramref name="scaleOnInFlight"/> no agent has received it yet.
    /// </summary>
    /// <param name="job">The job request.</param>
    /// <param name="scaleOnInFlight">Whether received, unfinished jobs count.</param>
    /// <returns><see langword="true"/> when the job counts before the parent and demand rules.</returns>
    public static bool IsAlive(TaskAgentJobRequest job, bool scaleOnInFlight)
    {
        if (job.Result is not null)
        {
            return false;
        }

        return scaleOnInFlight || !WasReceived(job);
    }

    /// <summary>Whether an agent received the job (a set, non-zero <c>receiveTime</c>).</summary>
    /// <param name="job">The job request.</param>
    /// <returns><see langword="true"/> when an agent holds the job.</returns>
    public static bool WasReceived(TaskAgentJobRequest job) =>
        job.ReceiveTime is { } received && received != DateTimeOffset.MinValue;

    /// <summary>Whether the template agent named <paramref name="parent"/> is among the job's matched agents (exact, case-sensitive).</summary>
    /// <param name="job">The job request.</param>
    /// <param name="parent">The template agent's name.</param>
    /// <returns><see langword="true"/> when it is; <see langword="false"/> when <c>matchedAgents</c> is absent.</returns>
    public static bool ParentMatches(TaskAgentJobRequest job, string parent)
    {
        if (job.MatchedAgents is not { } matched)
        {
            return false;
        }

        for (var i = 0; i < matched.Count; i++)
        {
            if (string.Equals(matched[i].Name, parent, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the job's demands fit the trigger's under <see cref="CountingRules.Matching"/>. Both sides lose their
    /// <c>Agent.Version</c> entries; every equal (job demand, trigger demand) pair is counted, as KEDA counts them.
    /// </summary>
    /// <param name="job">The job request.</param>
    /// <param name="rules">The trigger's rules.</param>
    /// <returns><see langword="true"/> when the trigger's agents can take the job.</returns>
    public static bool DemandsMatch(TaskAgentJobRequest job, CountingRules rules)
    {
        var comparison = rules.CaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var triggerDemands = rules.Demands;
        var jobDemandCount = 0;
        var pairs = 0;
        if (job.Demands is { } jobDemands)
        {
            for (var i = 0; i < jobDemands.Count; i++)
            {
                var jobDemand = jobDemands[i];
                if (jobDemand.StartsWith(CountingRules.AgentVersionPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                jobDemandCount++;
                for (var j = 0; j < triggerDemands.Count; j++)
                {
                    if (string.Equals(jobDemand, triggerDemands[j], comparison))
                    {
                        pairs++;
                    }
                }
            }
        }

        return rules.Matching switch
        {
            DemandMatching.SameDemands => pairs == jobDemandCount && pairs == triggerDemands.Count,
            DemandMatching.TriggerDemandsWithinJob => pairs == triggerDemands.Count,
            _ => pairs == jobDemandCount,
        };
    }
}
