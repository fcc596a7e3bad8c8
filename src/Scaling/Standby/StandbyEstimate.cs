using System.Globalization;

namespace AspireAgents.Scaling.Standby;

/// <summary>What <see cref="StandbyProfile"/> learnt for one hour of the week.</summary>
/// <param name="Count">The standby count.</param>
/// <param name="Weeks">How many earlier weeks of history the count rests on (0: none yet, so the count is 0).</param>
/// <param name="Percentile">The percentile taken.</param>
/// <param name="Hour">The start of the hour (UTC) the count is for.</param>
public readonly record struct StandbyEstimate(int Count, int Weeks, double Percentile, DateTimeOffset Hour)
{
    /// <summary>Where the count came from, e.g. <c>auto: p95 of 3 weeks at Tue 09:00 UTC</c>.</summary>
    public string Describe() => Weeks == 0
        ? "auto: no history yet"
        : string.Create(CultureInfo.InvariantCulture, $"auto: p{Percentile:0.#} of {Weeks} week{(Weeks == 1 ? string.Empty : "s")} at {Hour:ddd HH:mm} UTC");
}
