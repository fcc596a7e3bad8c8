using System.Globalization;

using Keys = Aspire.Hosting.ApplicationModel.AzurePipelinesMetadataKeys;
using AspireAgents.Scaling;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Trigger metadata of KEDA's <c>azure-pipelines</c> scaler. The same keys go to the built-in scaler and to this
/// application's external Scaler, so a rule moves between the two by changing only its type.
/// </summary>
/// <remarks>Names, defaults and exclusions follow https://keda.sh/docs/latest/scalers/azure-pipelines/.</remarks>
public sealed class AzurePipelinesTriggerMetadata
{
    /// <summary>The key of the organisation URL, which travels as an auth parameter to the built-in scaler.</summary>
    public const string OrganizationUrlKey = AzurePipelinesMetadataKeys.OrganizationUrl;

    /// <summary>Gets or sets the organisation URL (<c>organizationURL</c>), without a trailing slash.</summary>
    public string? OrganizationUrl { get; set; }

    /// <summary>Gets or sets the agent pool name (<c>poolName</c>); it wins over <see cref="PoolId"/>.</summary>
    public string? PoolName { get; set; }

    /// <summary>Gets or sets the agent pool id (<c>poolID</c>).</summary>
    public int? PoolId { get; set; }

    /// <summary>Gets or sets queued jobs per execution (<c>targetPipelinesQueueLength</c>). Defaults to 1.</summary>
    public long TargetPipelinesQueueLength { get; set; } = 1;

    /// <summary>Gets or sets the queue length above which the rule is active (<c>activationTargetPipelinesQueueLength</c>).</summary>
    public long? ActivationTargetPipelinesQueueLength { get; set; }

    /// <summary>Gets or sets the template agent whose matching jobs count (<c>parent</c>).</summary>
    public string? Parent { get; set; }

    /// <summary>Gets the capabilities of the agents (<c>demands</c>, joined with commas).</summary>
    public IList<string> Demands { get; } = [];

    /// <summary>Gets or sets <c>requireAllDemands</c>.</summary>
    public bool? RequireAllDemands { get; set; }

    /// <summary>Gets or sets <c>requireAllDemandsAndIgnoreOthers</c>.</summary>
    public bool? RequireAllDemandsAndIgnoreOthers { get; set; }

    /// <summary>Gets or sets <c>caseInsensitiveDemandsProcessing</c>.</summary>
    public bool? CaseInsensitiveDemandsProcessing { get; set; }

    /// <summary>Gets or sets how many job requests are read per poll (<c>jobsToFetch</c>, KEDA default 250).</summary>
    public int? JobsToFetch { get; set; }

    /// <summary>Gets or sets <c>fetchUnfinishedJobsOnly</c>.</summary>
    public bool? FetchUnfinishedJobsOnly { get; set; }

    /// <summary>
    /// <c>scaleOnInFlight</c> (KEDA 2.21, default true): also count jobs an agent is running. Pair it with the
    /// job's strategy: <c>true</c> for <see cref="KedaScalingStrategy.Default"/> (what ACA runs), <c>false</c> for
    /// <see cref="KedaScalingStrategy.Accurate"/>; see docs/scaling.md.
    /// </summary>
    public bool? ScaleOnInFlight { get; set; }

    /// <summary>
    /// Gets or sets the idle agents kept online on top of the queue (<c>standbyAgents</c>): a count, or <c>auto</c> to learn
    /// it per hour of the week from the pool's finished jobs. Only this application's Scaler knows it (docs/scaler.md).
    /// </summary>
    public string? StandbyAgents { get; set; }

    /// <summary>
    /// Gets or sets standby agents by time window (<c>standbySchedule</c>), e.g.
    /// <c>Mon-Fri 07:00-19:00 Europe/Berlin=3; Sat 09:00-12:00 UTC=1</c>. Only this application's Scaler knows it.
    /// </summary>
    public string? StandbySchedule { get; set; }

    /// <summary>Whether the rule asks for standby agents.</summary>
    public bool HasStandby =>
        (!string.IsNullOrWhiteSpace(StandbyAgents) && StandbyAgents.Trim() != "0") || !string.IsNullOrWhiteSpace(StandbySchedule);

    /// <summary>The value KEDA uses when <see cref="ScaleOnInFlight"/> is not set.</summary>
    public bool EffectiveScaleOnInFlight => ScaleOnInFlight ?? true;

    /// <summary>Gets the metadata as KEDA reads it: only the keys that are set, values as strings.</summary>
    /// <returns>The trigger metadata, without the organisation URL when it travels as an auth parameter.</returns>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(Keys.OrganizationUrl, OrganizationUrl);
        Add(Keys.PoolName, PoolName);
        Add(Keys.PoolId, PoolId?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.TargetPipelinesQueueLength, TargetPipelinesQueueLength.ToString(CultureInfo.InvariantCulture));
        Add(Keys.ActivationTargetPipelinesQueueLength, ActivationTargetPipelinesQueueLength?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.Parent, Parent);
        Add(Keys.Demands, Demands.Count == 0 ? null : string.Join(',', Demands));
        Add(Keys.RequireAllDemands, Format(RequireAllDemands));
        Add(Keys.RequireAllDemandsAndIgnoreOthers, Format(RequireAllDemandsAndIgnoreOthers));
        Add(Keys.CaseInsensitiveDemandsProcessing, Format(CaseInsensitiveDemandsProcessing));
        Add(Keys.JobsToFetch, JobsToFetch?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.FetchUnfinishedJobsOnly, Format(FetchUnfinishedJobsOnly));
        Add(Keys.ScaleOnInFlight, Format(ScaleOnInFlight));
        // 0 is the absence of standby: not written, so that the built-in rule, which refuses standby, accepts it.
        Add(Keys.StandbyAgents, StandbyAgents?.Trim() is "0" ? null : StandbyAgents?.Trim());
        Add(Keys.StandbySchedule, StandbySchedule?.Trim());
        return metadata;

        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                metadata[key] = value;
            }
        }

        static string? Format(bool? value) => value is null ? null : value.Value ? "true" : "false";
    }

    /// <summary>
    /// A copy whose organisation URL and pool (when neither name nor id is set) default to the given ones. It shares
    /// <see cref="Demands"/> with this instance: it is read, never changed.
    /// </summary>
    internal AzurePipelinesTriggerMetadata WithDefaults(string organizationUrl, string poolName)
    {
        var copy = (AzurePipelinesTriggerMetadata)MemberwiseClone();
        copy.OrganizationUrl ??= organizationUrl;
        if (copy.PoolId is null)
        {
            copy.PoolName ??= poolName;
        }

        return copy;
    }

    /// <summary>Checks the combinations KEDA rejects.</summary>
    /// <returns>One message per problem, naming the setting; empty when the metadata is valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OrganizationUrl))
        {
            errors.Add("organizationURL is required");
        }
        else if (!Uri.TryCreate(OrganizationUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors.Add($"organizationURL '{OrganizationUrl}' is not an absolute http(s) URL");
        }
        else if (OrganizationUrl.EndsWith('/'))
        {
            errors.Add($"organizationURL '{OrganizationUrl}' ends with '/': KEDA takes the organisation name after the last '/', remove the trailing slash");
        }

        if (string.IsNullOrWhiteSpace(PoolName) && PoolId is null)
        {
            errors.Add("no poolName or poolID given");
        }

        if (TargetPipelinesQueueLength < 1)
        {
            errors.Add($"targetPipelinesQueueLength {TargetPipelinesQueueLength} must be 1 or more");
        }

        if (JobsToFetch is not null && FetchUnfinishedJobsOnly is not null)
        {
            errors.Add("cannot specify both jobsToFetch and fetchUnfinishedJobsOnly");
        }

        if (JobsToFetch is not null && !string.IsNullOrEmpty(Parent))
        {
            errors.Add("cannot specify both jobsToFetch and parent");
        }

        if (JobsToFetch is < 1)
        {
            errors.Add($"jobsToFetch {JobsToFetch} must be 1 or more");
        }

        // The Scaler's own checks, so that a bad value stops the AppHost instead of every polling interval in Azure.
        if (!string.IsNullOrWhiteSpace(StandbyAgents) && StandbyAgents.Trim() is var standby
            && !string.Equals(standby, "auto", StringComparison.OrdinalIgnoreCase)
            && !(int.TryParse(standby, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 1000))
        {
            errors.Add($"standbyAgents '{standby}' must be a whole number from 0 to 1000, or auto");
        }

        if (!string.IsNullOrWhiteSpace(StandbySchedule))
        {
            try
            {
                AspireAgents.Scaling.Standby.StandbySchedule.Parse(StandbySchedule);
            }
            catch (FormatException ex)
            {
                errors.Add($"standbySchedule: {ex.Message}");
            }
        }

        return errors;
    }
}
