using System.Globalization;

namespace AspireAgents.Scaling.Standby;

/// <summary>
/// One window of a standby schedule: on these days, from <see cref="Start"/> to <see cref="End"/> wall-clock time in
/// <see cref="TimeZone"/>, keep <see cref="Count"/> agents on standby. An end at or before the start runs past
/// midnight into the next day; the day names the day the window starts on.
/// </summary>
/// <param name="Days">The days the window starts on.</param>
/// <param name="Start">The wall-clock start (inclusive).</param>
/// <param name="End">The wall-clock end (exclusive); <c>24:00</c> is midnight at the end of the day.</param>
/// <param name="TimeZone">The IANA time zone the times are in.</param>
/// <param name="Count">Standby agents while the window is open.</param>
/// <param name="Text">The window as written, normalised, for messages and telemetry.</param>
public sealed record StandbyWindow(IReadOnlySet<DayOfWeek> Days, TimeSpan Start, TimeSpan End, TimeZoneInfo TimeZone, int Count, string Text)
{
    /// <summary>Whether the window is open at <paramref name="instant"/>.</summary>
    /// <param name="instant">A point in time.</param>
    /// <returns><see langword="true"/> when open.</returns>
    public bool IsOpen(DateTimeOffset instant)
    {
        // Wall-clock comparison in the window's zone: across a DST change the window keeps its local hours, a window
        // inside the skipped hour never opens that night, and one inside the repeated hour stays open for both.
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var time = local.TimeOfDay;
        var day = local.DayOfWeek;
        if (Start < End)
        {
            return Days.Contains(day) && time >= Start && time < End;
        }

        var yesterday = (DayOfWeek)(((int)day + 6) % 7);
        return (Days.Contains(day) && time >= Start) || (Days.Contains(yesterday) && time < End);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    internal static string Format(TimeSpan time) =>
        time == TimeSpan.FromDays(1) ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
