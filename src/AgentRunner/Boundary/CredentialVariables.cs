namespace AspireAgents.AgentRunner.Boundary;

/// <summary>
/// Environment variables that carry a credential, or the means to mint one, and that no agent script inherits once
/// the agent runs as its own user. A step inherits the agent's environment, so anything left here is the step's.
/// </summary>
internal static class CredentialVariables
{
    /// <summary>
    /// Withheld by name. Only the runner uses the managed identity, so nothing of the agent needs the endpoint, the
    /// header or the client id; the rest are the credentials Azure.Identity and the Azure CLI read from the
    /// environment (a service principal's secret or certificate, a workload-identity token file, a user's password)
    /// and the headers of an OTLP exporter (an API key for the telemetry backend, e.g. the dashboard's).
    /// </summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        // Container Apps and App Service managed identity: the header is the secret, the endpoint and the client
        // id only say where and which identity; without the header neither mints a token, but nothing needs them.
        "IDENTITY_ENDPOINT",
        "IDENTITY_HEADER",
        "IDENTITY_SERVER_THUMBPRINT",
        "IDENTITY_API_VERSION",
        "IMDS_ENDPOINT",
        "MSI_ENDPOINT",
        "MSI_SECRET",
        EnvironmentNames.ClientId,

        // The runner's own registration credential.
        EnvironmentNames.Token,
        EnvironmentNames.TokenFile,

        // Other credentials Azure.Identity's EnvironmentCredential and WorkloadIdentityCredential read.
        "AZURE_CLIENT_SECRET",
        "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD",
        "AZURE_FEDERATED_TOKEN_FILE",
        "AZURE_USERNAME",
        "AZURE_PASSWORD",

        // OTLP exporter headers may hold an API key; the agent exports no telemetry of its own.
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
        "OTEL_EXPORTER_OTLP_METRICS_HEADERS",
        "OTEL_EXPORTER_OTLP_LOGS_HEADERS",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
    };

    /// <summary>
    /// The agent's configuration inputs (<c>VSTS_AGENT_INPUT_TOKEN</c>…): the runner sets the ones a script needs;
    /// any that reached the runner's own environment are withheld, so a token given to the job never reaches a step.
    /// </summary>
    public const string AgentInputPrefix = "VSTS_AGENT_INPUT_";

    /// <summary>Whether <paramref name="name"/> is withheld from the agent's user.</summary>
    public static bool IsWithheld(string name) =>
        Names.Contains(name) || name.StartsWith(AgentInputPrefix, StringComparison.OrdinalIgnoreCase);
}
