using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>
/// Which agents of the pool a maintenance run removes: those of the agent job's executions that died without removing
/// themselves (the replica was killed: out of memory, its timeout's kill, a lost node). Each rule keeps an agent that
/// may still be used; only what passes all of them is removed.
/// </summary>
internal static class AgentSweep
{
    /// <summary>Judges every agent of the pool.</summary>
    /// <param name="agents">The pool's agents, listed with their assigned requests.</param>
    /// <param name="settings">The job's name pattern and the grace period.</param>
    /// <param name="placeholderName">The placeholder's name: never removed.</param>
    /// <param name="now">The time the agents were listed.</param>
    /// <param name="placeholderPresent">Whether the placeholder is in the pool (now, or registered again by this run).</param>
    /// <returns>One verdict per agent, in the order given.</returns>
    public static IReadOnlyList<AgentVerdict> Judge(
        IReadOnlyList<TaskAgent> agents, MaintenanceSettings settings, string placeholderName, DateTimeOffset now, bool placeholderPresent)
    {
        var verdicts = agents.Select(agent =>
        {
            var reason = Reason(agent, settings, placeholderName, now);
            return new AgentVerdict(agent, reason == AgentVerdictReason.Dead, reason);
        }).ToList();

        // Without its placeholder the pool must not end up empty: the newest dead agent stays until it is back.
        if (!placeholderPresent && verdicts.All(v => v.Remove) && verdicts.Count > 0)
        {
            var newest = verdicts.MaxBy(v => v.Agent.CreatedOn)!;
            verdicts[verdicts.IndexOf(newest)] = newest with { Remove = false, Reason = AgentVerdictReason.KeepsPoolOpen };
        }

        return verdicts;
    }

    private static AgentVerdictReason Reason(TaskAgent agent, MaintenanceSettings settings, string placeholderName, DateTimeOffset now)
    {
        if (string.Equals(agent.Name, placeholderName, StringComparison.OrdinalIgnoreCase))
        {
            return AgentVerdictReason.Placeholder;
        }

        // The service may leave a name out (read as null): no pattern vouches for it.
        if (agent.Name is null || !settings.AgentNamePattern.IsMatch(agent.Name))
        {
            return AgentVerdictReason.NotThisJob;
        }

        if (agent.AssignedRequest is not null)
        {
            return AgentVerdictReason.HoldsJob;
        }

        // Unknown (a status this client cannot read) is not known to be offline.
        if (agent.Status != TaskAgentStatus.Offline)
        {
            return AgentVerdictReason.NotOffline;
        }

        if (agent.CreatedOn is not { } createdOn)
        {
            return AgentVerdictReason.AgeUnknown;
        }

        return now - createdOn < settings.GracePeriod ? AgentVerdictReason.WithinGracePeriod : AgentVerdictReason.Dead;
    }
}
