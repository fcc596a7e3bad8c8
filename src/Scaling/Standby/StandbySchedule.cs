using System.Globalization;

namespace AspireAgents.Scaling.Standby;

/// <summary>
/// Standby agents by time window, parsed from the compact text KEDA metadata can carry (values are strings):
/// <c>Mon-Fri 07:00-19:00 Europe/Berlin=3; Sat 09:00-12:00 UTC=1</c>. Each window is
/// <c>DAYS HH:MM-HH:MM ZONE=COUNT</c>; windows are separated by <c>;</c>. DAYS is a day (<c>Mon</c>), a range
/// (<c>Mon-Fri</c>, <c>Fri-Mon</c> wraps), a comma list of either (<c>Mon,Wed,Fri-Sun</c>) or <c>*</c> for every day.
/// ZONE is an IANA time zone id (<c>UTC</c>, <c>Europe/Berlin</c>). Where windows overlap, the largest count wins.
/// </summary>
public sealed class StandbySchedule
{
    private static readonly string[] s_dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private StandbySchedule(IReadOnlyList<StandbyWindow> windows) => Windows = windows;

    /// <summary>The windows, in the order written.</summary>
    public IReadOnlyList<StandbyWindow> Windows { get; }

    /// <summary>The standby count at <paramref name="instant"/> and the window that gave it.</summary>
    /// <param name="instant">A point in time.</param>
    /// <returns>The largest count among open windows (the first written on a tie), or 0 and <see langword="null"/>.</returns>
    public (int Count, StandbyWindow? Window) Evaluate(DateTimeOffset instant)
    {
        StandbyWindow? best = null;
        foreach (var window in Windows)
        {
            if (window.IsOpen(instant) && (best is null || window.Count > best.Count))
            {
                best = window;
            }
        }

        return (best?.Count ?? 0, best);
    }

    /// <summary>Parses a schedule.</summary>
    /// <param name="text">The schedule text.</param>
    /// <param name="maxCount">The largest count a window may ask for.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="FormatException">Naming each bad window and the part of it that is wrong.</exception>
    public static StandbySchedule Parse(string text, int maxCount = 1000)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var windows = new List<StandbyWindow>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseWindow(part, maxCount, out var window, out var error))
            {
                windows.Add(window);
            }
            else
            {
                errors.Add($"window \"{part}\": {error}");
            }
        }

        if (errors.Count == 0 && windows.Count == 0)
        {
            errors.Add("no window given: write DAYS HH:MM-HH:MM ZONE=COUNT, e.g. Mon-Fri 07:00-19:00 Europe/Berlin=3");
        }

        return errors.Count > 0 ? throw new FormatException(string.Join("; ", errors)) : new StandbySchedule(windows);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Windows);

    private static bool TryParseWindow(string text, int maxCount, out StandbyWindow window, out string error)
    {
        window = null!;
        var equals = text.LastIndexOf('=');
        if (equals < 0)
        {
            error = "missing \"=COUNT\" at the end, e.g. Mon-Fri 07:00-19:00 UTC=3";
            return false;
        }

        var countText = text[(equals + 1)..].Trim();
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > maxCount)
        {
            error = $"count \"{countText}\" is not a whole number from 0 to {maxCount}";
            return false;
        }

        var fields = text[..equals].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3)
        {
            error = $"expected three parts before '=' (days, times, time zone), found {fields.Length}, e.g. Mon-Fri 07:00-19:00 UTC=3";
            return false;
        }

        if (!TryParseDays(fields[0], out var days, out error)
            || !TryParseTimes(fields[1], out var start, out var end, out error)
            || !TryFindZone(fields[2], out var zone, out error))
        {
            return false;
        }

        var normalised = $"{fields[0]} {StandbyWindow.Format(start)}-{StandbyWindow.Format(end)} {fields[2]}={count}";
        window = new StandbyWindow(days, start, end, zone, count, normalised);
        error = string.Empty;
        return true;
    }

    private static bool TryParseDays(string text, out IReadOnlySet<DayOfWeek> days, out string error)
    {
        var set = new HashSet<DayOfWeek>();
        days = set;
        error = string.Empty;
        if (text == "*")
        {
            set.UnionWith(Enum.GetValues<DayOfWeek>());
            return true;
        }

        foreach (var item in text.Split(','))
        {
            var range = item.Split('-');
            if (range.Length > 2)
            {
                error = $"days \"{text}\": \"{item}\" is not a range of two days (Mon-Fri)";
                return false;
            }

            var bad = Array.Find(range, name => !TryParseDay(name, out _));
            if (bad is not null)
            {
                error = $"days \"{text}\": \"{bad}\" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun), a range (Mon-Fri), a list (Mon,Wed) or *";
                return false;
            }

            TryParseDay(range[0], out var first);
            TryParseDay(range[^1], out var last);

            // A range that ends before it starts wraps over the week's end (Fri-Mon).
            for (var day = first; ; day = (DayOfWeek)(((int)day + 1) % 7))
            {
                set.Add(day);
                if (day == last)
                {
                    break;
                }
            }
        }

        return true;
    }

    private static bool TryParseDay(string text, out DayOfWeek day)
    {
        var index = Array.FindIndex(s_dayNames, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        day = (DayOfWeek)Math.Max(index, 0);
        return index >= 0;
    }

    private static bool TryParseTimes(string text, out TimeSpan start, out TimeSpan end, out string error)
    {
        start = end = default;
        var parts = text.Split('-');
        if (parts.Length != 2 || !TryParseTime(parts[0], out start) || !TryParseTime(parts[1], out end))
        {
            error = $"times \"{text}\" are not HH:MM-HH:MM on a 24-hour clock (00:00 to 24:00), e.g. 07:00-19:00";
            return false;
        }

        if (start == end || start == TimeSpan.FromDays(1))
        {
            error = $"times \"{text}\" give an empty window: the start must differ from the end and come before 24:00 (for a whole day write 00:00-24:00)";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        time = new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone, out string error)
    {
        error = string.Empty;
        if (string.Equals(id, "UTC", StringComparison.Ordinal))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        // IANA ids only: Windows names would resolve on one machine and not on the scaler's Linux container.
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) && found.HasIanaId)
        {
            zone = found;
            return true;
        }

        zone = TimeZoneInfo.Utc;
        error = $"time zone \"{id}\" is not an IANA time zone id this machine knows, e.g. UTC or Europe/Berlin";
        return false;
    }
}
