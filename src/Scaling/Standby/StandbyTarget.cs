namespace AspireAgents.Scaling.Standby;

/// <summary>How many idle agents to keep online on top of the queue, and where the number came from.</summary>
/// <param name="Count">The standby count.</param>
/// <param name="Source"><c>none</c>, <c>fixed</c>, <c>schedule: &lt;window&gt;</c> or <c>auto: …</c>.</param>
public readonly record struct StandbyTarget(int Count, string Source)
{
    /// <summary>Source when no standby is configured or no window is open.</summary>
    public const string NoneSource = "none";

    /// <summary>Source of a fixed count.</summary>
    public const string FixedSource = "fixed";

    /// <summary>No standby.</summary>
    public static StandbyTarget None => new(0, NoneSource);

    /// <summary>The larger of two targets; on a tie the first, so that a source named first stays.</summary>
    public static StandbyTarget Max(StandbyTarget first, StandbyTarget second) => second.Count > first.Count ? second : first;
}
