using Aspire.Hosting.ApplicationModel;

namespace AspireAgents.Hosting.Tests;

public sealed class CronScheduleTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static string Next(string expression, string after) =>
        CronSchedule.Parse(expression).Next(At(after)).ToString("yyyy-MM-dd HH:mm ddd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("*/15 * * * *", "2026-12-01T12:07:30", "2026-12-01 12:15 Tue")]
    [InlineData("*/15 * * * *", "2026-12-01T12:15:00", "2026-12-01 12:30 Tue")] // strictly after
    [InlineData("*/15 * * * *", "2026-12-31T23:50:00", "2027-01-01 00:00 Fri")]
    [InlineData("* * * * *", "2026-12-01T12:07:59.999", "2026-12-01 12:08 Tue")]
    [InlineData("5/15 * * * *", "2026-12-01T12:36:00", "2026-12-01 12:50 Tue")] // a/n is a-59/n
    [InlineData("0 */6 * * *", "2026-12-01T13:00:00", "2026-12-01 18:00 Tue")]
    [InlineData("0 0 * * 0", "2026-12-01T00:00:00", "2026-12-06 00:00 Sun")]
    [InlineData("30 6 * JAN-MAR mon-fri", "2026-12-01T00:00:00", "2027-01-01 06:30 Fri")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00:00", "2028-02-29 00:00 Tue")]
    [InlineData("0 12 1,15 * *", "2026-12-02T00:00:00", "2026-12-15 12:00 Tue")]
    public void NextIsTheFirstMatchingMinuteAfterInUtc(string expression, string after, string expected) =>
        Assert.Equal(expected, Next(expression, after));

    [Theory]
    // Both day fields restricted: either one fires (the 1st, or a Monday).
    [InlineData("0 12 1 * MON", "2026-12-02T00:00:00", "2026-12-07 12:00 Mon")]
    [InlineData("0 12 1 * MON", "2026-12-29T00:00:00", "2027-01-01 12:00 Fri")]
    // A day field written * defers to the other: Mondays only.
    [InlineData("0 12 * * MON", "2026-12-29T00:00:00", "2027-01-04 12:00 Mon")]
    // A star with a step restricts its field like a list: the 1st, 11th, 21st, 31st or a Monday.
    [InlineData("0 0 */10 * MON", "2026-12-02T00:00:00", "2026-12-07 00:00 Mon")]
    [InlineData("0 0 */10 * MON", "2026-12-08T00:00:00", "2026-12-11 00:00 Fri")]
    public void DayOfMonthAndDayOfWeekCombineAsKubernetesCronJobsDo(string expression, string after, string expected) =>
        Assert.Equal(expected, Next(expression, after));

    [Theory]
    [InlineData("* * * *", "has 4 fields")]
    [InlineData("@hourly", "has 1 fields")]
    [InlineData("60 * * * *", "minute '60': '60' is outside 0-59")]
    [InlineData("* 24 * * *", "hour '24'")]
    [InlineData("* * 0 * *", "day of month '0'")]
    [InlineData("* * * 13 *", "month '13'")]
    [InlineData("* * * * 7", "day of week '7'")]
    [InlineData("*/0 * * * *", "has a step that is not a whole number of 1 or more")]
    [InlineData("5-1 * * * *", "runs backwards")]
    [InlineData("a * * * *", "is not a value, range or step of 0-59")]
    [InlineData("* * * FOO *", "or JAN-DEC")]
    [InlineData("0 0 30 2 *", "never fires")]
    public void AnExpressionContainerAppsWouldRefuseIsRefusedSayingWhy(string expression, string reason)
    {
        Assert.False(CronSchedule.TryParse(expression, out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
    }

    [Fact]
    public void TheExpressionIsKeptWithItsSpacesNormalised() =>
        Assert.Equal("*/15 * * * *", CronSchedule.Parse("  */15  *\t* * * ").Expression);
}
