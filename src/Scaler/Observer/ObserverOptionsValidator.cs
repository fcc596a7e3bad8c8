using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Observer;

/// <summary>Checks <see cref="ObserverOptions"/> at start-up when the observer runs, reporting every problem at once.</summary>
internal sealed partial class ObserverOptionsValidator : IValidateOptions<ObserverOptions>
{
    private const string Prefix = ObserverOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ObserverOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        // The path segments are sent as they are: only what Jobs.json's parameters allow (jobName ^[-\w\._\(\)]+$), so
        // that a setting cannot change the path the token is sent to.
        RequireSegment(failures, nameof(ObserverOptions.JobName), options.JobName);
        RequireSegment(failures, nameof(ObserverOptions.SubscriptionId), options.SubscriptionId);
        RequireSegment(failures, nameof(ObserverOptions.ResourceGroup), options.ResourceGroup);
        var endpoint = options.ManagementEndpoint;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && !(endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
        {
            failures.Add($"{Prefix}{nameof(ObserverOptions.ManagementEndpoint)} must be https (or http on loopback, the local emulation): it receives the identity's token (it is '{endpoint}').");
        }

        if (options.PollingInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(ObserverOptions.PollingInterval)} must be positive (it is {options.PollingInterval}).");
        }

        if (options.MaxExecutions < 0 || options.MinExecutions < 0)
        {
            failures.Add($"{Prefix}{nameof(ObserverOptions.MinExecutions)} and {nameof(ObserverOptions.MaxExecutions)} must not be negative.");
        }

        if (options.GapIntervals < 1)
        {
            failures.Add($"{Prefix}{nameof(ObserverOptions.GapIntervals)} must be at least 1 (it is {options.GapIntervals}).");
        }

        if (options.MaxPages < 1)
        {
            failures.Add($"{Prefix}{nameof(ObserverOptions.MaxPages)} must be at least 1 (it is {options.MaxPages}).");
        }

        if (options.Metadata.Count == 0)
        {
            failures.Add($"{Prefix}{nameof(ObserverOptions.Metadata)} is empty: give the scale rule's metadata (organizationURL, poolName or poolID, demands…).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireSegment(List<string> failures, string setting, string value)
    {
        if (!PathSegment().IsMatch(value))
        {
            failures.Add($"{Prefix}{setting} must be letters, digits, '-', '_', '.', '(' or ')' (it is '{value}').");
        }
    }

    [GeneratedRegex(@"^[-\w\._\(\)]+$")]
    private static partial Regex PathSegment();
}
