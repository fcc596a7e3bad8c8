using AspireAgents.Scaling;
using AspireAgents.Scaling.ContainerApps;

namespace AspireAgents.Scaler.Observer;

/// <summary>
/// The observer's settings, bound from the <c>Observer</c> section: which job it watches, where its executions are read,
/// and the scale rule it reconstructs (the rule's own metadata and the job's ScaledJob settings).
/// </summary>
public sealed class ObserverOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Observer";

    /// <summary>Runs the observer in this host. Off by default: a Scaler answers KEDA, an observer watches it.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Container Apps job the rule scales.</summary>
    public string JobName { get; set; } = "";

    /// <summary>The job's subscription id.</summary>
    public string SubscriptionId { get; set; } = "";

    /// <summary>The job's resource group.</summary>
    public string ResourceGroup { get; set; } = "";

    /// <summary>
    /// Where the executions API is: ARM in Azure; under <c>dotnet run</c>, the job emulation's copy of it. Only the base
    /// URL differs; the path, the api-version, the token and the JSON are the same.
    /// </summary>
    public Uri ManagementEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The audience the managed identity's token is asked for.</summary>
    public string ManagementResource { get; set; } = ContainerAppsApi.ManagementResource;

    /// <summary>The client id of the user-assigned identity to read with; else <c>AZURE_CLIENT_ID</c>, else the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The rule's polling interval: the observer decides as often as KEDA does.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The job's <c>minExecutions</c>.</summary>
    public int MinExecutions { get; set; }

    /// <summary>The job's <c>maxExecutions</c> (100 is Container Apps' default).</summary>
    public int MaxExecutions { get; set; } = 100;

    /// <summary>KEDA's strategy; Container Apps runs <see cref="KedaScalingStrategy.Default"/> only.</summary>
    public KedaScalingStrategy ScalingStrategy { get; set; } = KedaScalingStrategy.Default;

    /// <summary>
    /// The rule's metadata, as the rule has it (<c>poolName</c>, <c>demands</c>, <c>targetPipelinesQueueLength</c>…): the queue is
    /// counted with these. A PAT is never given here: the observer reads with its own identity, so that it still sees the
    /// queue when the rule's credential is refused.
    /// </summary>
    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many polling intervals in a row may ask for executions that never appear before the gap is flagged.</summary>
    public int GapIntervals { get; set; } = 3;

    /// <summary>The most pages of executions read per interval: a bound on what a misbehaving <c>nextLink</c> chain costs.</summary>
    public int MaxPages { get; set; } = 50;

    /// <summary>The ScaledJob settings the decision is computed with.</summary>
    public ScaledJobSettings Scaling => new() { MinExecutions = MinExecutions, MaxExecutions = MaxExecutions, Strategy = ScalingStrategy };
}
