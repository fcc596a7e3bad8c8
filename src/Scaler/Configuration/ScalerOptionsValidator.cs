using AspireAgents.Scaler.Security;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Configuration;

/// <summary>Checks <see cref="ScalerOptions"/> at start-up and reports every problem at once, naming the setting.</summary>
internal sealed class ScalerOptionsValidator : IValidateOptions<ScalerOptions>
{
    public ValidateOptionsResult Validate(string? name, ScalerOptions options)
    {
        var failures = new List<string>();
        const string prefix = ScalerOptions.SectionName + ":";
        if (options.FreshnessWindow < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(ScalerOptions.FreshnessWindow)} must not be negative (it is {options.FreshnessWindow}).");
        }

        if (options.StalenessBound < options.FreshnessWindow)
        {
            failures.Add($"{prefix}{nameof(ScalerOptions.StalenessBound)} ({options.StalenessBound}) must be at least {prefix}{nameof(ScalerOptions.FreshnessWindow)} ({options.FreshnessWindow}).");
        }

        if (options.PoolCacheDuration < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(ScalerOptions.PoolCacheDuration)} must not be negative (it is {options.PoolCacheDuration}).");
        }

        if (options.StreamInterval <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(ScalerOptions.StreamInterval)} must be positive (it is {options.StreamInterval}).");
        }

        foreach (var host in options.AllowedOrganizationHosts)
        {
            if (!OrganizationUrlPolicy.IsValidHostEntry(host))
            {
                failures.Add($"{OrganizationUrlPolicy.Setting} has '{host}': give a host name or host:port, without scheme or path (e.g. ado.contoso.com or ado.contoso.com:8443).");
            }
        }

        var limits = options.Limits;
        foreach (var (setting, value) in new (string, long)[]
        {
            (nameof(ScalerLimitsOptions.MetadataCacheEntries), limits.MetadataCacheEntries),
            (nameof(ScalerLimitsOptions.MetadataCacheBytes), limits.MetadataCacheBytes),
            (nameof(ScalerLimitsOptions.SharedCacheEntries), limits.SharedCacheEntries),
            (nameof(ScalerLimitsOptions.MetricSeries), limits.MetricSeries),
            (nameof(ScalerLimitsOptions.CountsPerRead), limits.CountsPerRead),
        })
        {
            if (value <= 0)
            {
                failures.Add($"{prefix}Limits:{setting} must be positive (it is {value}).");
            }
        }

        var tls = options.Tls;
        if (!tls.Enabled && (!string.IsNullOrWhiteSpace(tls.KeyPath) || !string.IsNullOrWhiteSpace(tls.ClientCaPath)))
        {
            failures.Add($"{prefix}Tls:KeyPath and {prefix}Tls:ClientCaPath need {prefix}Tls:CertificatePath, the server certificate.");
        }

        foreach (var (setting, path) in new[] { ("CertificatePath", tls.CertificatePath), ("KeyPath", tls.KeyPath), ("ClientCaPath", tls.ClientCaPath) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                failures.Add($"{prefix}Tls:{setting} names '{path}', which does not exist.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
