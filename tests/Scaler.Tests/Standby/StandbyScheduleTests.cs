using AspireAgents.Scaling.Standby;

namespace AspireAgents.Scaler.Tests.Standby;

/// <summary>The schedule's text: parsing, errors naming the bad part, and evaluation across zones, DST and midnight.</summary>
public sealed class StandbyScheduleTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void WeekdayWindowInBerlinOpensAtLocalTimeWinterAndSummer()
    {
        var schedule = StandbySchedule.Parse("Mon-Fri 07:00-19:00 Europe/Berlin=3");

        // Winter: Berlin is UTC+1. Tue 2026-01-13 06:00 UTC is 07:00 local.
        Assert.Equal(0, schedule.Evaluate(Utc("2026-01-13T05:59:00")).Count);
        Assert.Equal(3, schedule.Evaluate(Utc("2026-01-13T06:00:00")).Count);
        Assert.Equal(3, schedule.Evaluate(Utc("2026-01-13T17:59:00")).Count);
        Assert.Equal(0, schedule.Evaluate(Utc("2026-01-13T18:00:00")).Count);

        // Summer: UTC+2. Tue 2026-07-14 05:00 UTC is 07:00 local.
        Assert.Equal(0, schedule.Evaluate(Utc("2026-07-14T04:59:00")).Count);
        Assert.Equal(3, schedule.Evaluate(Utc("2026-07-14T05:00:00")).Count);
        Assert.Equal(0, schedule.Evaluate(Utc("2026-07-14T17:00:00")).Count);

        // Saturday is not in Mon-Fri.
        Assert.Equal(0, schedule.Evaluate(Utc("2026-07-18T10:00:00")).Count);
    }

    [Fact]
    public void WindowKeepsItsLocalHoursOnTheDaysDaylightSavingChanges()
    {
        var schedule = StandbySchedule.Parse("Sun 01:00-04:00 Europe/Berlin=2");

        // 2026-03-29: clocks go 02:00 → 03:00 in Berlin, so the window is 2 hours long: 00:00–02:00 UTC.
        Assert.Equal(0, schedule.Evaluate(Utc("2026-03-28T23:59:00")).Count);
        Assert.Equal(2, schedule.Evaluate(Utc("2026-03-29T00:00:00")).Count);
        Assert.Equal(2, schedule.Evaluate(Utc("2026-03-29T01:30:00")).Count);
        Assert.Equal(0, schedule.Evaluate(Utc("2026-03-29T02:00:00")).Count);

        // 2026-10-25: clocks go 03:00 → 02:00, so the window is 4 hours long: 23:00 (Sat) to 03:00 UTC.
        Assert.Equal(2, schedule.Evaluate(Utc("2026-10-25T00:00:00")).Count);
        Assert.Equal(2, schedule.Evaluate(Utc("2026-10-25T02:59:00")).Count);
        Assert.Equal(0, schedule.Evaluate(Utc("2026-10-25T03:00:00")).Count);
    }

    [Fact]
    public void WindowAcrossMidnightBelongsToTheDayItStarts()
    {
        var schedule = StandbySchedule.Parse("Fri 22:00-02:00 UTC=4");

        Assert.Equal(0, schedule.Evaluate(Utc("2026-07-16T23:00:00")).Count); // Thursday night
        Assert.Equal(4, schedule.Evaluate(Utc("2026-07-17T22:00:00")).Count); // Friday 22:00
        Assert.Equal(4, schedule.Evaluate(Utc("2026-07-18T01:59:00")).Count); // Saturday 01:59, still Friday's window
        Assert.Equal(0, schedule.Evaluate(Utc("2026-07-18T02:00:00")).Count);
        Assert.Equal(0, schedule.Evaluate(Utc("2026-07-18T23:00:00")).Count); // Saturday night
    }

    [Fact]
    public void OverlappingWindowsGiveTheLargestCountAndNameItsWindow()
    {
        var schedule = StandbySchedule.Parse("* 00:00-24:00 UTC=1; Mon-Fri 08:00-18:00 UTC=5; Wed 12:00-13:00 UTC=2");

        var (count, window) = schedule.Evaluate(Utc("2026-07-15T12:30:00")); // Wednesday
        Assert.Equal(5, count);
        Assert.Equal("Mon-Fri 08:00-18:00 UTC=5", window!.Text);
        Assert.Equal(1, schedule.Evaluate(Utc("2026-07-18T12:30:00")).Count); // Saturday
    }

    [Fact]
    public void DayListsAndWrappingRangesAreRead()
    {
        var schedule = StandbySchedule.Parse("mon,Wed,Sat-Sun 10:00-11:00 UTC=1");

        Assert.Equal(
            [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Saturday],
            schedule.Windows[0].Days.Order());
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday], StandbySchedule.Parse("Fri-Mon 10:00-11:00 UTC=1").Windows[0].Days.OrderBy(d => ((int)d + 2) % 7));
    }

    [Theory]
    [InlineData("Mon-Fri 07:00-19:00 Europe/Berlin", "missing \"=COUNT\"")]
    [InlineData("Mon-Fri 07:00-19:00 Europe/Berlin=many", "count \"many\"")]
    [InlineData("Mon-Fri 07:00-19:00=3", "three parts")]
    [InlineData("Mon-Fry 07:00-19:00 UTC=3", "\"Fry\" is not a day")]
    [InlineData("Mon-Fri 7:00-19:00 UTC=3", "times \"7:00-19:00\"")]
    [InlineData("Mon-Fri 07:00-25:00 UTC=3", "times \"07:00-25:00\"")]
    [InlineData("Mon-Fri 07:00-07:00 UTC=3", "empty window")]
    [InlineData("Mon-Fri 07:00-19:00 Mars/Olympus=3", "time zone \"Mars/Olympus\"")]
    [InlineData(" ; ", "no window given")]
    public void ErrorsNameTheBadPart(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StandbySchedule.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadWindowIsReportedAtOnce()
    {
        var error = Assert.Throws<FormatException>(() => StandbySchedule.Parse("Mon 07:00-08:00 UTC=1; Xyz 07:00-08:00 UTC=1; Tue 07:00-08:00 Nowhere=1"));
        Assert.Contains("window \"Xyz 07:00-08:00 UTC=1\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("window \"Tue 07:00-08:00 Nowhere=1\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("window \"Mon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsTakeTheLargestOfFixedScheduleAndAutoWithItsSource()
    {
        var schedule = StandbySchedule.Parse("Mon-Fri 08:00-18:00 UTC=4");
        var monday = Utc("2026-07-13T09:00:00");
        var sunday = Utc("2026-07-12T09:00:00");

        Assert.Equal(new StandbyTarget(4, "schedule: Mon-Fri 08:00-18:00 UTC=4"), new StandbySettings(2, false, schedule).Resolve(monday));
        Assert.Equal(new StandbyTarget(2, "fixed"), new StandbySettings(2, false, schedule).Resolve(sunday));
        Assert.Equal(StandbyTarget.None, new StandbySettings(0, false, schedule).Resolve(sunday));

        var learnt = new StandbyEstimate(6, 3, 95, Utc("2026-07-13T09:00:00"));
        Assert.Equal(new StandbyTarget(6, "auto: p95 of 3 weeks at Mon 09:00 UTC"), new StandbySettings(0, true, schedule).Resolve(monday, () => learnt));
        Assert.Equal(new StandbyTarget(0, "auto: no history yet"), new StandbySettings(0, true, null).Resolve(monday, () => learnt with { Count = 0, Weeks = 0 }));
    }
}
