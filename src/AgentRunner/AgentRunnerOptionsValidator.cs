using Microsoft.Extensions.Options;

namespace AspireAgents.AgentRunner;

/// <summary>Checks <see cref="AgentRunnerOptions"/> at start-up and reports every problem at once, naming the setting.</summary>
internal sealed class AgentRunnerOptionsValidator : IValidateOptions<AgentRunnerOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentRunnerOptions options)
    {
        var failures = new List<string>();
        const string prefix = AgentRunnerOptions.SectionName + ":";
        foreach (var (setting, value) in new (string, TimeSpan)[]
        {
            (nameof(AgentRunnerOptions.ShutdownDeadline), options.ShutdownDeadline),
            (nameof(AgentRunnerOptions.StopTimeout), options.StopTimeout),
            (nameof(AgentRunnerOptions.RemovalTimeout), options.RemovalTimeout),
            (nameof(AgentRunnerOptions.RemovalRetryInterval), options.RemovalRetryInterval),
            (nameof(AgentRunnerOptions.ConfigureTimeout), options.ConfigureTimeout),
            (nameof(AgentRunnerOptions.DownloadTimeout), options.DownloadTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{prefix}{setting} must be positive (it is {value}).");
            }
        }

        if (options.Platform is { } platform && string.IsNullOrWhiteSpace(platform))
        {
            failures.Add($"{prefix}{nameof(AgentRunnerOptions.Platform)} must be a runtime id such as linux-x64, or unset.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
