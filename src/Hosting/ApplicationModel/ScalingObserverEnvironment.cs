using System.Globalization;
using Keys = Aspire.Hosting.ApplicationModel.AzurePipelinesMetadataKeys;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The observer's configuration for a job (<c>Observer:*</c>, read by src/Scaler/Observer/ObserverOptions.cs), as
/// environment variables: the same under <c>dotnet run</c> and in Azure, but for where the executions API is.
/// </summary>
internal static class ScalingObserverEnvironment
{
    /// <summary>The job, its rule's ScaledJob settings and metadata, and the Scaler cache settings of its polling interval.</summary>
    /// <param name="job">The observed job.</param>
    /// <param name="metadata">The rule's metadata (under <c>dotnet run</c>, with the emulator's organisation).</param>
    public static IReadOnlyList<KeyValuePair<string, string>> For(ContainerAppJobResource job, IReadOnlyDictionary<string, string> metadata)
    {
        var (trigger, strategy) = ContainerAppJobSettings.EventTrigger(job);
        var variables = new List<KeyValuePair<string, string>>
        {
            new("Observer__Enabled", "true"),
            new("Observer__JobName", job.Name),
            new("Observer__PollingInterval", trigger.PollingInterval.ToString("c", CultureInfo.InvariantCulture)),
            new("Observer__MinExecutions", trigger.MinExecutions.ToString(CultureInfo.InvariantCulture)),
            new("Observer__MaxExecutions", trigger.MaxExecutions.ToString(CultureInfo.InvariantCulture)),
            new("Observer__ScalingStrategy", strategy.Strategy.ToString()),
        };

        // The observer reads with its own identity: a PAT the rule uses is never handed to it.
        variables.AddRange(metadata
            .Where(m => m.Key != Keys.PersonalAccessTokenFromEnv)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new KeyValuePair<string, string>($"Observer__Metadata__{m.Key}", m.Value)));
        variables.AddRange(ScalerCachePolicy.Environment(trigger.PollingInterval));
        return variables;
    }
}
