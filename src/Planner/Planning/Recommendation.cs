namespace AspireAgents.Planner.Planning;

/// <summary>
/// The planner's rule: the cheapest setting whose job wait p95 is at most the target, costs within 1 % of each other
/// counting as a tie (replays differ by a few agent-seconds where the setting does not change the agent time), which the
/// lower p95 wins. When no setting meets the target, the one with the lowest p95 (then the cheaper), and it says so.
/// </summary>
/// <param name="Outcome">The recommended setting's outcome.</param>
/// <param name="MeetsTarget">Whether it meets the target.</param>
/// <param name="TargetP95">The target, seconds.</param>
public sealed record Recommendation(PlanOutcome Outcome, bool MeetsTarget, double TargetP95)
{
    /// <summary>Costs this close (a fraction of the cheapest) are a tie.</summary>
    public const double CostTie = 0.01;

    /// <summary>Applies the rule.</summary>
    /// <param name="outcomes">The grid's outcomes; at least one.</param>
    /// <param name="targetP95">The wait p95 to stay under, seconds.</param>
    public static Recommendation Choose(IReadOnlyList<PlanOutcome> outcomes, double targetP95)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            throw new ArgumentException("There is no outcome to choose from.", nameof(outcomes));
        }

        var candidates = outcomes.Where(o => o.WaitP95 <= targetP95).ToList();
        var cheapest = candidates.Count == 0 ? 0 : candidates.Min(o => o.Cost);
        var meeting = candidates.Where(o => o.Cost <= cheapest * (1 + CostTie)).OrderBy(o => o.WaitP95).ThenBy(o => o.Cost).FirstOrDefault();
        return meeting is not null
            ? new Recommendation(meeting, true, targetP95)
            : new Recommendation(outcomes.OrderBy(o => o.WaitP95).ThenBy(o => o.Cost).First(), false, targetP95);
    }

    /// <summary>The rule and its outcome in one sentence.</summary>
    public string Describe() => MeetsTarget
        ? FormattableString.Invariant($"Recommended: {Outcome.Label} (the cheapest setting, within 1 %, whose wait p95 is at most {TargetP95:0.#} s: p95 {Outcome.WaitP95:0.0} s, ${Outcome.Cost:0.0000}).")
        : FormattableString.Invariant($"No setting keeps the wait p95 at or under {TargetP95:0.#} s; the lowest p95 is {Outcome.Label} (p95 {Outcome.WaitP95:0.0} s, ${Outcome.Cost:0.0000}).");
}
