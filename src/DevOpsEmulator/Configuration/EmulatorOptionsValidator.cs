using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>Checks <see cref="EmulatorOptions"/> at start-up and reports every problem at once, naming the setting.</summary>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var failures = new List<string>();
        const string prefix = EmulatorOptions.SectionName + ":";
        if (string.IsNullOrWhiteSpace(options.Organization))
        {
            failures.Add($"{prefix}{nameof(EmulatorOptions.Organization)} must be set: it is the organisation's name in every URL.");
        }

        if (string.IsNullOrWhiteSpace(options.Project))
        {
            failures.Add($"{prefix}{nameof(EmulatorOptions.Project)} must be set.");
        }

        foreach (var (setting, value) in new (string, TimeSpan)[]
        {
            (nameof(EmulatorOptions.TokenLifetime), options.TokenLifetime),
            (nameof(EmulatorOptions.AgentTokenLifetime), options.AgentTokenLifetime),
            (nameof(EmulatorOptions.MessageWaitTimeout), options.MessageWaitTimeout),
            (nameof(EmulatorOptions.JobLockDuration), options.JobLockDuration),
            (nameof(EmulatorOptions.SessionIdleTimeout), options.SessionIdleTimeout),
            (nameof(EmulatorOptions.HousekeepingInterval), options.HousekeepingInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{prefix}{setting} must be positive (it is {value}).");
            }
        }

        if (options.MaxListCount <= 0)
        {
            failures.Add($"{prefix}{nameof(EmulatorOptions.MaxListCount)} must be positive (it is {options.MaxListCount}).");
        }

        var rateLimit = options.RateLimit;
        if (rateLimit.Enabled && rateLimit.Limit <= 0)
        {
            failures.Add($"{prefix}RateLimit:{nameof(RateLimitOptions.Limit)} must be positive when {prefix}RateLimit:Enabled is true (it is {rateLimit.Limit}).");
        }

        if (rateLimit.Enabled && rateLimit.Window <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}RateLimit:{nameof(RateLimitOptions.Window)} must be positive when {prefix}RateLimit:Enabled is true (it is {rateLimit.Window}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
