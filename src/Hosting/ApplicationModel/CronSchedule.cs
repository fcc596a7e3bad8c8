using System.Globalization;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A five-field cron expression (minute, hour, day of month, month, day of week) as a scheduled Container Apps job
/// takes it, evaluated in UTC. Each field is a comma-separated list of <c>*</c>, a value, a range <c>a-b</c>, each
/// with an optional step <c>/n</c> (<c>a/n</c> is <c>a-max/n</c>); months and days may be named (<c>JAN</c>, <c>MON</c>).
/// </summary>
/// <remarks>
/// Container Apps runs scheduled jobs as Kubernetes CronJobs, whose controller parses schedules with robfig/cron v3's
/// standard parser; the rules here are that parser's (github.com/robfig/cron: parser.go <c>getRange</c>, spec.go
/// <c>dayMatches</c>): day of week 0-6 (Sunday 0), <c>?</c> as <c>*</c>, and when both day fields are restricted a
/// day matching either one fires, while a field written <c>*</c> (without a step) defers to the other.
/// Descriptors such as <c>@hourly</c> are not accepted: Container Apps documents the five fields only.
/// </remarks>
public sealed class CronSchedule
{
    private static readonly Field Minutes = new("minute", 0, 59, null);
    private static readonly Field Hours = new("hour", 0, 23, null);
    private static readonly Field DaysOfMonth = new("day of month", 1, 31, null);
    private static readonly Field Months = new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);
    private static readonly Field DaysOfWeek = new("day of week", 0, 6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);

    /// <summary>How far ahead a schedule must fire at least once (robfig/cron gives up after five years too).</summary>
    private const int YearsAhead = 5;

    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _daysOfMonth;
    private readonly ulong _months;
    private readonly ulong _daysOfWeek;
    private readonly bool _anyDayOfMonth;
    private readonly bool _anyDayOfWeek;

    private CronSchedule(string expression, ulong[] fields, bool anyDayOfMonth, bool anyDayOfWeek)
    {
        Expression = expression;
        (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        _anyDayOfMonth = anyDayOfMonth;
        _anyDayOfWeek = anyDayOfWeek;
    }

    /// <summary>Gets the expression as written.</summary>
    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <param name="expression">Five fields separated by spaces, for example <c>*/15 * * * *</c>.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="FormatException">The expression is not one; the message says which field and why.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule! : throw new FormatException(error);

    /// <summary>Parses <paramref name="expression"/>, saying why it is not one.</summary>
    /// <param name="expression">Five fields separated by spaces.</param>
    /// <param name="schedule">The schedule, when the expression is one.</param>
    /// <param name="error">Why it is not one, otherwise.</param>
    /// <returns>Whether the expression is a schedule that fires.</returns>
    public static bool TryParse(string? expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var parts = (expression ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = $"'{expression}' has {parts.Length} fields; a schedule has 5: minute hour day-of-month month day-of-week, for example */15 * * * *";
            return false;
        }

        var bits = new ulong[5];
        var any = new bool[5];
        Field[] fields = [Minutes, Hours, DaysOfMonth, Months, DaysOfWeek];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!fields[i].TryParse(parts[i], out bits[i], out any[i], out error))
            {
                error = $"'{expression}': {error}";
                return false;
            }
        }

        var parsed = new CronSchedule(string.Join(' ', parts), bits, any[2], any[4]);
        if (parsed.NextOrNull(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), YearsAhead * 4) is null)
        {
            error = $"'{expression}' never fires (no such day in any month it names)";
            return false;
        }

        schedule = parsed;
        error = null;
        return true;
    }

    /// <summary>The first time after <paramref name="after"/> (a whole minute, UTC) the schedule fires.</summary>
    /// <param name="after">The time to look from; the result is later.</param>
    /// <returns>The next time, in UTC.</returns>
    public DateTimeOffset Next(DateTimeOffset after) =>
        NextOrNull(after, YearsAhead) ?? throw new InvalidOperationException($"The schedule '{Expression}' does not fire within {YearsAhead} years of {after:u}.");

    /// <inheritdoc />
    public override string ToString() => Expression;

    private DateTimeOffset? NextOrNull(DateTimeOffset after, int years)
    {
        var utc = after.ToUniversalTime();
        var t = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var limit = t.Year + years;
        while (t.Year <= limit)
        {
            if (!Has(_months, t.Month))
            {
                t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
            }
            else if (!Has(_hours, t.Hour))
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
            }
            else if (!Has(_minutes, t.Minute))
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return t;
            }
        }

        return null;
    }

    private bool DayMatches(DateTimeOffset t)
    {
        var dayOfMonth = Has(_daysOfMonth, t.Day);
        var dayOfWeek = Has(_daysOfWeek, (int)t.DayOfWeek);
        return _anyDayOfMonth || _anyDayOfWeek ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }

    private static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;

    /// <summary>One field's bounds and names, and its parser.</summary>
    private sealed record Field(string Name, int Min, int Max, string[]? Names)
    {
        public bool TryParse(string text, out ulong bits, out bool any, out string? error)
        {
            bits = 0;
            any = false;
            foreach (var item in text.Split(','))
            {
                if (!TryParseItem(item, ref bits, ref any, out error))
                {
                    error = $"{Name} '{text}': {error}";
                    return false;
                }
            }

            error = null;
            return true;
        }

        private bool TryParseItem(string item, ref ulong bits, ref bool any, out string? error)
        {
            var slash = item.Split('/');
            var range = slash[0];
            int start, end;
            var step = 1;
            if (slash.Length > 2 || (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)))
            {
                error = $"'{item}' has a step that is not a whole number of 1 or more";
                return false;
            }

            if (range is "*" or "?")
            {
                (start, end) = (Min, Max);
                // A star with a step restricts the field like any list (robfig/cron v3 drops the star then).
                any |= step == 1;
            }
            else
            {
                var bounds = range.Split('-');
                end = 0;
                if (bounds.Length > 2 || !TryValue(bounds[0], out start) || (bounds.Length == 2 && !TryValue(bounds[1], out end)))
                {
                    error = $"'{item}' is not a value, range or step of {Min}-{Max}{(Names is null ? "" : $" or {Names[0]}-{Names[^1]}")}";
                    return false;
                }

                if (bounds.Length == 1)
                {
                    // A single value with a step runs to the field's end: 5/15 is 5-59/15.
                    end = slash.Length == 2 ? Max : start;
                }

                if (start < Min || end > Max || start > end)
                {
                    error = $"'{item}' is outside {Min}-{Max} or runs backwards";
                    return false;
                }
            }

            for (var value = start; value <= end; value += step)
            {
                bits |= 1UL << value;
            }

            error = null;
            return true;
        }

        private bool TryValue(string text, out int value)
        {
            if (Names is not null && Array.FindIndex(Names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is var index and >= 0)
            {
                value = Min + index;
                return true;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
