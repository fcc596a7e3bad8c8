namespace AspireAgents.Scaler.Counting;

/// <summary>
/// Which jobs of a pool's list count towards a trigger's queue length: KEDA's <c>azure-pipelines</c> rules.
/// </summary>
/// <param name="Parent">When set, only jobs whose <c>matchedAgents</c> include an agent of exactly this name count; demands are then ignored.</param>
/// <param name="HasDemands">Whether the trigger has a non-empty <c>demands</c> value.</param>
/// <param name="Demands">The trigger's demands split on <c>,</c> (not trimmed), without <c>Agent.Version</c> entries.</param>
/// <param name="Matching">How demands are compared.</param>
/// <param name="CaseInsensitive">Compare demands ignoring case.</param>
/// <param name="ScaleOnInFlight">Count jobs an agent received but has not finished.</param>
public sealed record CountingRules(
    string? Parent,
    bool HasDemands,
    IReadOnlyList<string> Demands,
    DemandMatching Matching,
    bool CaseInsensitive,
    bool ScaleOnInFlight)
{
    /// <summary>Every unfinished, unreceived job counts (no parent, no demands, in-flight excluded).</summary>
    public static CountingRules PendingOnly { get; } = new(null, false, [], DemandMatching.JobDemandsWithinTrigger, false, false);

    /// <summary>The prefix of the demand Azure Pipelines adds to every job; ignored on both sides.</summary>
    public const string AgentVersionPrefix = "Agent.Version";

    /// <summary>Builds the rules from a raw <c>demands</c> value, splitting and removing <c>Agent.Version</c> entries as KEDA does.</summary>
    /// <param name="parent">The <c>parent</c> value, or null.</param>
    /// <param name="demands">The <c>demands</c> value, or null.</param>
    /// <param name="matching">How demands are compared.</param>
    /// <param name="caseInsensitive">Compare demands ignoring case.</param>
    /// <param name="scaleOnInFlight">Count in-flight jobs.</param>
    /// <returns>The rules.</returns>
    public static CountingRules Create(string? parent, string? demands, DemandMatching matching, bool caseInsensitive, bool scaleOnInFlight)
    {
        var hasDemands = !string.IsNullOrEmpty(demands);
        var list = hasDemands
            ? demands!.Split(',').Where(d => !d.StartsWith(AgentVersionPrefix, StringComparison.Ordinal)).ToArray()
            : [];
        return new CountingRules(string.IsNullOrEmpty(parent) ? null : parent, hasDemands, list, matching, caseInsensitive, scaleOnInFlight);
    }

    /// <inheritdoc />
    public bool Equals(CountingRules? other) =>
        other is not null
        && Parent == other.Parent
        && HasDemands == other.HasDemands
        && Matching == other.Matching
        && CaseInsensitive == other.CaseInsensitive
        && ScaleOnInFlight == other.ScaleOnInFlight
        && Demands.SequenceEqual(other.Demands);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Parent);
        hash.Add(HasDemands);
        hash.Add(Matching);
        hash.Add(CaseInsensitive);
        hash.Add(ScaleOnInFlight);
        foreach (var demand in Demands)
        {
            hash.Add(demand);
        }

        return hash.ToHashCode();
    }
}
