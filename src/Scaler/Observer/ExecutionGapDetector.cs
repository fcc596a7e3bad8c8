namespace AspireAgents.Scaler.Observer;

/// <summary>
/// Notices a rule that does not fire: polling intervals in a row after which KEDA should have started executions and
/// none appeared. Flags the gap when the streak reaches the threshold, and again at each further multiple, so that a
/// long gap warns every few intervals instead of every one. Pure, so that it is tested without a clock.
/// </summary>
/// <param name="threshold">How many intervals in a row make a gap (<c>Observer:GapIntervals</c>).</param>
public sealed class ExecutionGapDetector(int threshold)
{
    private long _expected;

    /// <summary>Intervals in a row that expected starts and saw none.</summary>
    public int Streak { get; private set; }

    /// <summary>The starts the last decision expected, still missing while the streak lasts.</summary>
    public long Expected => _expected;

    /// <summary>Observes one interval.</summary>
    /// <param name="appeared">Executions that appeared since the previous read.</param>
    /// <param name="expectedNow">What this interval's decision says KEDA should start now.</param>
    /// <returns>Whether the gap is flagged at this interval.</returns>
    public bool Observe(int appeared, long expectedNow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(appeared);
        Streak = appeared > 0 || _expected <= 0 ? 0 : Streak + 1;
        _expected = expectedNow;
        return Streak >= threshold && Streak % threshold == 0;
    }
}
