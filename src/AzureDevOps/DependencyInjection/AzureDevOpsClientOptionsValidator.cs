using AspireAgents.AzureDevOps.Http;
using Microsoft.Extensions.Options;

namespace AspireAgents.AzureDevOps.DependencyInjection;

/// <summary>
/// Checks <see cref="AzureDevOpsClientOptions"/> and its <see cref="AzureDevOpsHttpOptions"/> at start-up and reports
/// every problem at once, naming the setting.
/// </summary>
internal sealed class AzureDevOpsClientOptionsValidator : IValidateOptions<AzureDevOpsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureDevOpsClientOptions options)
    {
        var failures = new List<string>();
        const string prefix = AzureDevOpsClientOptions.SectionName + ":";
        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(AzureDevOpsClientOptions.TokenRefreshMargin)} must not be negative (it is {options.TokenRefreshMargin}).");
        }

        var http = options.Http;
        const string httpPrefix = prefix + nameof(AzureDevOpsClientOptions.Http) + ":";
        if (http is null)
        {
            failures.Add($"{httpPrefix} must be set.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (http.MaxAttempts < 1)
        {
            failures.Add($"{httpPrefix}{nameof(AzureDevOpsHttpOptions.MaxAttempts)} must be at least 1, the first attempt (it is {http.MaxAttempts}).");
        }

        foreach (var (setting, value) in new (string, TimeSpan)[]
        {
            (nameof(AzureDevOpsHttpOptions.MaxRetryDuration), http.MaxRetryDuration),
            (nameof(AzureDevOpsHttpOptions.AttemptTimeout), http.AttemptTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{httpPrefix}{setting} must be positive (it is {value}).");
            }
        }

        foreach (var (setting, value) in new (string, TimeSpan)[]
        {
            (nameof(AzureDevOpsHttpOptions.BaseDelay), http.BaseDelay),
            (nameof(AzureDevOpsHttpOptions.MaxDelay), http.MaxDelay),
            (nameof(AzureDevOpsHttpOptions.MaxRateLimitDelay), http.MaxRateLimitDelay),
        })
        {
            if (value < TimeSpan.Zero)
            {
                failures.Add($"{httpPrefix}{setting} must not be negative (it is {value}).");
            }
        }

        if (http.MaxDelay < http.BaseDelay)
        {
            failures.Add($"{httpPrefix}{nameof(AzureDevOpsHttpOptions.MaxDelay)} ({http.MaxDelay}) must be at least {httpPrefix}{nameof(AzureDevOpsHttpOptions.BaseDelay)} ({http.BaseDelay}).");
        }

        if (http.MaxResponseBytes <= 0)
        {
            failures.Add($"{httpPrefix}{nameof(AzureDevOpsHttpOptions.MaxResponseBytes)} must be positive (it is {http.MaxResponseBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
