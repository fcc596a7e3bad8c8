using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.Scaler.Counting;
using AspireAgents.Scaler.Security;
using AspireAgents.Scaling.Standby;
using Grpc.Core;

namespace AspireAgents.Scaler.Metadata;

/// <summary>
/// Parses trigger metadata with the names, defaults, mutual exclusions and messages of KEDA's <c>azure-pipelines</c>
/// scaler. Values are trimmed and an empty value counts as absent; the mutual exclusions look at the raw keys, so even
/// <c>"false"</c> counts as given. Every problem found is reported at once.
/// </summary>
public static class TriggerMetadataParser
{
    private static readonly string[] s_trueValues = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly string[] s_falseValues = ["0", "f", "F", "FALSE", "false", "False"];
    private static readonly NumberRange s_poolIdRange = new(32, int.MinValue, int.MaxValue, 1, " (agent pool ids start at 1)");
    private static readonly NumberRange s_targetRange = new(64, long.MinValue, long.MaxValue, 1, " (the metric target is jobs per agent; KEDA divides the queue length by it)");
    private static readonly NumberRange s_jobsToFetchRange = new(64, long.MinValue, long.MaxValue, 1, " (it is sent as $top, the number of job requests to read)");
    private static readonly NumberRange s_activationRange = new(64, long.MinValue, long.MaxValue, long.MinValue, string.Empty);

    /// <summary>Parses <paramref name="metadata"/>.</summary>
    /// <param name="metadata">The <c>scalerMetadata</c> map KEDA sent.</param>
    /// <param name="organizations">Which organisation URLs may receive the credential; <see cref="OrganizationUrlPolicy.Default"/> when null.</param>
    /// <returns>The typed trigger.</returns>
    /// <exception cref="ScalerException">With <see cref="StatusCode.InvalidArgument"/>, naming every bad key.</exception>
    public static AzurePipelinesTrigger Parse(IReadOnlyDictionary<string, string> metadata, OrganizationUrlPolicy? organizations = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        organizations ??= OrganizationUrlPolicy.Default;

        if (IsGiven(metadata, MetadataKeys.JobsToFetch) && IsGiven(metadata, MetadataKeys.FetchUnfinishedJobsOnly))
        {
            throw Invalid($"cannot specify both {MetadataKeys.JobsToFetch} and {MetadataKeys.FetchUnfinishedJobsOnly} at the same time");
        }

        if (IsGiven(metadata, MetadataKeys.JobsToFetch) && IsGiven(metadata, MetadataKeys.Parent))
        {
            throw Invalid($"cannot specify both {MetadataKeys.JobsToFetch} and {MetadataKeys.Parent} at the same time " +
                "($top changes the answer so that matchedAgents, which parent needs, is missing)");
        }

        var errors = new List<string>();
        var organization = Value(metadata, MetadataKeys.OrganizationUrlFromEnv) ?? Value(metadata, MetadataKeys.OrganizationUrl);
        var poolName = Value(metadata, MetadataKeys.PoolName);
        var poolId = Integer(metadata, MetadataKeys.PoolId, 0, errors, s_poolIdRange);
        var target = Integer(metadata, MetadataKeys.TargetPipelinesQueueLength, 1, errors, s_targetRange);
        var activation = Integer(metadata, MetadataKeys.ActivationTargetPipelinesQueueLength, 0, errors, s_activationRange);
        var jobsToFetch = Integer(metadata, MetadataKeys.JobsToFetch, 250, errors, s_jobsToFetchRange);
        var unfinishedOnly = Boolean(metadata, MetadataKeys.FetchUnfinishedJobsOnly, false, errors);
        var requireAll = Boolean(metadata, MetadataKeys.RequireAllDemands, false, errors);
        var requireAllIgnoreOthers = Boolean(metadata, MetadataKeys.RequireAllDemandsAndIgnoreOthers, false, errors);
        var caseInsensitive = Boolean(metadata, MetadataKeys.CaseInsensitiveDemandsProcessing, false, errors);
        var scaleOnInFlight = Boolean(metadata, MetadataKeys.ScaleOnInFlight, true, errors);
        var standby = Standby(metadata, errors);

        Uri? organizationUrl = null;
        string? organizationName = null;
        if (organization is null)
        {
            errors.Add($"missing required parameter \"{MetadataKeys.OrganizationUrl}\": set {MetadataKeys.OrganizationUrl} to the organisation URL " +
                $"(https://dev.azure.com/{{organization}}), or {MetadataKeys.OrganizationUrlFromEnv} to a container variable holding it");
        }
        else
        {
            organizationName = organization[(organization.LastIndexOf('/') + 1)..];
            if (organizationName.Length == 0)
            {
                errors.Add($"failed to extract organization name from {MetadataKeys.OrganizationUrl} \"{organization}\": remove the trailing '/'");
            }
            else if (!Uri.TryCreate(organization, UriKind.Absolute, out organizationUrl) || organizationUrl.Scheme is not ("http" or "https"))
            {
                errors.Add($"{MetadataKeys.OrganizationUrl} \"{organization}\" is not an absolute http(s) URL such as https://dev.azure.com/{{organization}}");
            }
            else if (organizations.Refusal(organizationUrl) is { } refusal)
            {
                errors.Add(refusal);
            }
        }

        if (poolName is null && poolId == 0 && !HasIntegerError(errors, MetadataKeys.PoolId))
        {
            errors.Add($"no {MetadataKeys.PoolName} or {MetadataKeys.PoolId} given: set {MetadataKeys.PoolName} to the agent pool's name or {MetadataKeys.PoolId} to its id");
        }

        if (errors.Count > 0)
        {
            throw Invalid(string.Join("; ", errors));
        }

        var matching = requireAll ? DemandMatching.SameDemands
            : requireAllIgnoreOthers ? DemandMatching.TriggerDemandsWithinJob
            : DemandMatching.JobDemandsWithinTrigger;
        var pat = Value(metadata, MetadataKeys.PersonalAccessTokenFromEnv);
        return new AzurePipelinesTrigger
        {
            OrganizationUrl = organizationUrl!,
            OrganizationName = organizationName!,
            PoolName = poolName,
            PoolId = poolName is null ? (int)poolId : 0,
            TargetPipelinesQueueLength = target,
            ActivationTargetPipelinesQueueLength = activation,
            JobsToFetch = jobsToFetch,
            FetchUnfinishedJobsOnly = unfinishedOnly,
            Rules = CountingRules.Create(Value(metadata, MetadataKeys.Parent), Value(metadata, MetadataKeys.Demands), matching, caseInsensitive, scaleOnInFlight),
            Standby = standby,
            Authentication = pat is null ? null : new PersonalAccessTokenAuthentication(pat),
            CredentialKey = pat is null ? "scaler-identity" : "pat:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pat)))[..16],
        };
    }

    private static bool IsGiven(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && value.Length > 0;

    private static string? Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static long Integer(IReadOnlyDictionary<string, string> metadata, string key, long defaultValue, List<string> errors, NumberRange range)
    {
        if (Value(metadata, key) is not { } text)
        {
            return defaultValue;
        }

        // The same grammar as KEDA's JSON number parsing into an integer: optional '-', no leading zeros, no fraction.
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        var wellFormed = digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9') && (digits.Length == 1 || digits[0] != '0');
        long value = 0;
        var fits = wellFormed && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= range.TypeMin && value <= range.TypeMax;
        var problem = !wellFormed ? "expected a whole number"
            : !fits ? $"expected a whole number that fits in {range.Bits} bits ({range.TypeMin} to {range.TypeMax})"
            : value < range.Min ? $"must be at least {range.Min}{range.Why}"
            : null;
        if (problem is null)
        {
            return value;
        }

        errors.Add($"unable to set param \"{key}\" value \"{text}\": {problem}");
        return defaultValue;
    }

    private static bool HasIntegerError(List<string> errors, string key) =>
        errors.Exists(error => error.StartsWith($"unable to set param \"{key}\"", StringComparison.Ordinal));

    private static bool Boolean(IReadOnlyDictionary<string, string> metadata, string key, bool defaultValue, List<string> errors)
    {
        if (Value(metadata, key) is not { } text)
        {
            return defaultValue;
        }

        if (Array.IndexOf(s_trueValues, text) >= 0)
        {
            return true;
        }

        if (Array.IndexOf(s_falseValues, text) >= 0)
        {
            return false;
        }

        errors.Add($"unable to set param \"{key}\" value \"{text}\": unable to parse boolean value \"{text}\" (use true or false)");
        return defaultValue;
    }

    private static StandbySettings Standby(IReadOnlyDictionary<string, string> metadata, List<string> errors)
    {
        var count = 0;
        var auto = false;
        if (Value(metadata, MetadataKeys.StandbyAgents) is { } agents)
        {
            auto = string.Equals(agents, "auto", StringComparison.OrdinalIgnoreCase);
            if (!auto && !(int.TryParse(agents, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count <= MaxStandby))
            {
                errors.Add($"unable to set param \"{MetadataKeys.StandbyAgents}\" value \"{agents}\": expected a whole number from 0 to {MaxStandby}, or auto");
            }
        }

        StandbySchedule? schedule = null;
        if (Value(metadata, MetadataKeys.StandbySchedule) is { } text)
        {
            try
            {
                schedule = StandbySchedule.Parse(text, MaxStandby);
            }
            catch (FormatException ex)
            {
                errors.Add($"unable to set param \"{MetadataKeys.StandbySchedule}\": {ex.Message}");
            }
        }

        return new StandbySettings(count, auto, schedule);
    }

    // More standby agents than this is a typo: KEDA would cap it at maxReplicaCount anyway.
    private const int MaxStandby = 1000;

    private static ScalerException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    // TypeMin/TypeMax are what the key's type holds (KEDA's int or int64); Min is what makes sense for the key.
    private sealed record NumberRange(int Bits, long TypeMin, long TypeMax, long Min, string Why);
}
