using Aspire.Hosting.ApplicationModel;

namespace AspireAgents.AppHost;

/// <summary>The <c>Agents</c> section of appsettings.json: what <c>azd up</c> deploys.</summary>
internal sealed class AgentsSettings
{
    /// <summary>Azure DevOps organisation URL, without a trailing slash.</summary>
    public string OrganizationUrl { get; set; } = "";

    /// <summary>Agent pool the agents join.</summary>
    public string Pool { get; set; } = "";

    /// <summary>Version of the Azure Pipelines agent the image installs (<c>AGENT_VERSION</c>).</summary>
    public string AgentVersion { get; set; } = "";

    /// <summary>SHA-256 of that version's <c>vsts-agent-linux-x64</c> package (<c>AGENT_SHA256</c>): the image build checks it.</summary>
    public string AgentSha256 { get; set; } = "";

    // The job's settings are null when not configured: the annotations' defaults then apply, written only there.
    public int? PollingIntervalSeconds { get; set; }
    public int? MinExecutions { get; set; }
    public int? MaxExecutions { get; set; }
    public int? Parallelism { get; set; }
    public int? ReplicaCompletionCount { get; set; }
    public int? ReplicaTimeoutSeconds { get; set; }
    public int? ReplicaRetryLimit { get; set; }
    public double? Cpu { get; set; }
    public string? Memory { get; set; }
    public long? TargetPipelinesQueueLength { get; set; }

    /// <summary>Agent capabilities the scale rule matches against job demands.</summary>
    public List<string> Demands { get; set; } = [];

    /// <summary>Use a personal access token (an <c>azp-pat</c> secret parameter azd prompts for) instead of managed identity.</summary>
    public bool UsePersonalAccessToken { get; set; }

    /// <summary>KEDA's scaling strategy; ACA runs only <c>Default</c>, so other values are for local experiments.</summary>
    public KedaScalingStrategy? ScalingStrategy { get; set; }

    /// <summary>The scaler's <c>scaleOnInFlight</c>; pair it with the strategy (docs/scaling.md).</summary>
    public bool? ScaleOnInFlight { get; set; }

    /// <summary>Scale with the Scaler deployed as a container app (<c>external</c> rule) instead of KEDA's built-in rule.</summary>
    public bool ExternalScaler { get; set; }

    /// <summary>Under <c>dotnet run</c>, use the Azure DevOps emulator; false to use <see cref="OrganizationUrl"/> with a PAT.</summary>
    public bool UseEmulator { get; set; } = true;

    /// <summary>The emulator's port.</summary>
    public int EmulatorPort { get; set; } = AzureDevOpsEmulatorBuilderExtensions.DefaultPort;

    public EnvironmentSettings Environment { get; set; } = new();

    public MaintenanceSettings Maintenance { get; set; } = new();

    /// <summary>Stops publishing when the organisation is still the example one: every agent would fail to register.</summary>
    public void RequireOrganization()
    {
        if (OrganizationUrl.Contains("your-organization", StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException(
                $"Agents:OrganizationUrl is the example '{OrganizationUrl}': set it to your organisation (https://dev.azure.com/<organization>) " +
                "in src/AppHost/appsettings.json, or as the environment variable Agents__OrganizationUrl, before `azd up`.");
        }
    }

    /// <summary>Stops publishing when the image could not pin the agent it installs.</summary>
    public void RequireAgentPackage()
    {
        if (string.IsNullOrWhiteSpace(AgentVersion))
        {
            throw new DistributedApplicationException("Agents:AgentVersion is empty: set the Azure Pipelines agent version the image installs, for example 4.260.0.");
        }

        if (AgentSha256.Length != 64 || !AgentSha256.All(Uri.IsHexDigit))
        {
            throw new DistributedApplicationException(
                $"Agents:AgentSha256 must be the SHA-256 (64 hex digits) of vsts-agent-linux-x64-{AgentVersion}.tar.gz, which the image build checks " +
                "before it installs the agent. The agent's release notes list it; or download the package from " +
                $"https://download.agent.dev.azure.com/agent/{AgentVersion}/vsts-agent-linux-x64-{AgentVersion}.tar.gz and run sha256sum on it. " +
                "Set it in src/AppHost/appsettings.json or as the environment variable Agents__AgentSha256.");
        }
    }
}

/// <summary>Options of the container apps environment.</summary>
internal sealed class EnvironmentSettings
{
    /// <summary>Dedicated workload profile type (for example D4); empty for Consumption only.</summary>
    public string WorkloadProfileType { get; set; } = "";
    public int WorkloadProfileMinimumCount { get; set; }
    public int WorkloadProfileMaximumCount { get; set; } = 3;

    /// <summary>Subnet delegated to Microsoft.App/environments; empty for a platform-managed network.</summary>
    public string InfrastructureSubnetId { get; set; } = "";
    public bool Internal { get; set; }
    public bool ZoneRedundant { get; set; }
}
