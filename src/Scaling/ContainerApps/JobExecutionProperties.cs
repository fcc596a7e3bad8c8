using System.Globalization;
using System.Text.Json.Serialization;

namespace AspireAgents.Scaling.ContainerApps;

/// <summary>
/// An execution's <c>properties</c>. Times travel as text and are parsed on demand, so that one odd value costs that
/// value only, never the page.
/// </summary>
/// <param name="Status">One of <see cref="JobExecutionStatus"/>'s values, or one the spec does not know yet.</param>
/// <param name="StartTime">When the execution started (ISO 8601).</param>
/// <param name="EndTime">When it ended; absent while it runs.</param>
public sealed record JobExecutionProperties(string? Status, string? StartTime = null, string? EndTime = null)
{
    /// <summary><see cref="StartTime"/> parsed, or <see langword="null"/> when absent or unreadable.</summary>
    [JsonIgnore]
    public DateTimeOffset? StartedAt => Parse(StartTime);

    /// <summary><see cref="EndTime"/> parsed, or <see langword="null"/> when absent or unreadable.</summary>
    [JsonIgnore]
    public DateTimeOffset? EndedAt => Parse(EndTime);

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
