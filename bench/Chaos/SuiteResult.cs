using AspireAgents.AppHostHarness;

namespace AspireAgents.Chaos;

/// <summary>The whole suite on one AppHost: each phase, and what holds across them.</summary>
public sealed record SuiteResult
{
    public required ChaosOptions Options { get; init; }
    public required IReadOnlyList<PhaseResult> Phases { get; init; }

    /// <summary>Agents that ran more than one job (a job run twice would show here, or as a killed job that succeeded).</summary>
    public required int AgentsWithTwoJobs { get; init; }
    public required long MaxConcurrentExecutions { get; init; }
    public required int ExecutionsStarted { get; init; }

    /// <summary>Executions that registered an agent that never got a job (killed ones aside).</summary>
    public required int ExecutionsWithoutJob { get; init; }
    public double ShareWithoutJob => ExecutionsStarted == 0 ? 0 : ExecutionsWithoutJob / (double)ExecutionsStarted;

    /// <summary>The maintenance run's outcome, or null when the AppHost has none.</summary>
    public required string? Maintenance { get; init; }

    /// <summary>Agents in the pool after it besides the placeholder (offline: leaked by killed executions), and online ones.</summary>
    public required IReadOnlyList<string> LeftoverAgents { get; init; }
    public required bool PlaceholderPresent { get; init; }
    public required IReadOnlyList<string> KilledExecutions { get; init; }
    public required bool Drained { get; init; }

    public required IReadOnlyList<TimelineSample> Timeline { get; init; }
    public required IReadOnlyList<DecisionRecord> Decisions { get; init; }
    public required DateTimeOffset Origin { get; init; }

    public int Lost => Phases.Sum(p => p.Lost);

    /// <summary>What makes the run a failure, one line each; empty when every check holds.</summary>
    public IReadOnlyList<string> Violations()
    {
        var violations = new List<string>();
        foreach (var p in Phases)
        {
            var name = p.Fault.Kind;
            Add(p.Lost > 0, $"{name}: {p.Lost} job(s) never ended");
            Add(p.FailedElsewhere > 0, $"{name}: {p.FailedElsewhere} job(s) failed that no kill explains");
            Add(p.KilledButSucceeded > 0, $"{name}: {p.KilledButSucceeded} job(s) of a killed agent succeeded");
            Add(p.MaxWaitAfterFault > Options.WaitBoundSeconds, $"{name}: a job waited {p.MaxWaitAfterFault:0.0} s after the fault (bound {Options.WaitBoundSeconds} s)");
            Add(p.ZeroAnswersForQueuedJobs > 0, $"{name}: the Scaler answered 0 for a non-empty queue {p.ZeroAnswersForQueuedJobs} time(s)");
            Add(p.Fault.Kind is FaultKind.KillMidJob or FaultKind.KillMidRegistration && p.Fault.Kills.Count == 0, $"{name}: no execution was caught at its stage to kill");
        }

        Add(AgentsWithTwoJobs > 0, $"{AgentsWithTwoJobs} agent(s) ran two jobs");
        Add(MaxConcurrentExecutions > Options.MaxExecutions, $"{MaxConcurrentExecutions} executions at once, above the maximum {Options.MaxExecutions}");
        Add(!Drained, "executions were still running at the end");
        Add(!PlaceholderPresent, "the placeholder agent is gone");
        // Without a maintenance run only a killed execution may leave its agent behind; after one, none may.
        Add(Maintenance is not null && LeftoverAgents.Count > 0, $"{LeftoverAgents.Count} agent(s) left after the maintenance run: {string.Join(", ", LeftoverAgents)}");
        var unexplained = LeftoverAgents.Except(KilledExecutions).ToList();
        Add(Maintenance is null && unexplained.Count > 0, $"{unexplained.Count} agent(s) left that no kill explains: {string.Join(", ", unexplained)}");
        return violations;

        void Add(bool failed, string what)
        {
            if (failed)
            {
                violations.Add(what);
            }
        }
    }
}
