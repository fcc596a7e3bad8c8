using System.Globalization;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How long the Scaler may answer from what it last read, for a job polled every <c>pollingInterval</c>: the same rule
/// under <c>dotnet run</c> and in Azure, because it follows from the polling interval alone.
/// </summary>
internal static class ScalerCachePolicy
{
    /// <summary>
    /// A queue length cached for as long as the polling interval is older than the execution count it is compared
    /// with, and KEDA's <c>default</c> strategy over-starts (docs/scaling.md): keep the window well inside one interval.
    /// </summary>
    public static TimeSpan FreshnessWindow(TimeSpan pollingInterval) =>
        TimeSpan.FromSeconds(Math.Min(2.0, pollingInterval.TotalSeconds / 4.0));

    /// <summary>
    /// A job list served after an Azure DevOps error must not outlive two intervals: an execution count is compared
    /// with it, and a stale queue starts executions that find no job.
    /// </summary>
    public static TimeSpan StalenessBound(TimeSpan pollingInterval) => 2 * pollingInterval;

    /// <summary>The Scaler's configuration for a job's polling interval, as environment variables.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(TimeSpan pollingInterval) =>
    [
        new("Scaler__FreshnessWindow", FreshnessWindow(pollingInterval).ToString("c", CultureInfo.InvariantCulture)),
        new("Scaler__StalenessBound", StalenessBound(pollingInterval).ToString("c", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The polling interval of a job: its event trigger's, or the default.</summary>
    public static TimeSpan PollingInterval(ContainerAppJobResource job) =>
        (job.TryGetLastAnnotation<ContainerAppJobEventTriggerAnnotation>(out var trigger) ? trigger : new()).PollingInterval;
}
