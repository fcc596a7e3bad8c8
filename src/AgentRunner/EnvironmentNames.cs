namespace AspireAgents.AgentRunner;

/// <summary>The environment variables the runner reads.</summary>
internal static class EnvironmentNames
{
    /// <summary>The organisation URL, e.g. <c>https://dev.azure.com/contoso</c>. Required.</summary>
    public const string Url = "AZP_URL";

    /// <summary>The agent pool; default <c>Default</c>.</summary>
    public const string Pool = "AZP_POOL";

    /// <summary>The agent name; default the Container Apps replica name, else the host name.</summary>
    public const string AgentName = "AZP_AGENT_NAME";

    /// <summary>The agent's work folder; default the agent's <c>_work</c>.</summary>
    public const string Work = "AZP_WORK";

    /// <summary>Any value: register the agent and stop (it stays offline in the pool).</summary>
    public const string Placeholder = "AZP_PLACEHOLDER";

    /// <summary>A PAT (or any token Azure DevOps accepts as one); only where no managed identity exists.</summary>
    public const string Token = "AZP_TOKEN";

    /// <summary>A file holding the token; wins over <see cref="Token"/>.</summary>
    public const string TokenFile = "AZP_TOKEN_FILE";

    /// <summary>The agent's directory; default <c>/azp/agent</c>.</summary>
    public const string AgentDirectory = "AZP_AGENT_DIR";

    /// <summary>
    /// The user the agent's scripts, and so every pipeline step, run as; the runner must start as root. The image
    /// sets <c>app</c>; unset, the agent runs as the runner's user.
    /// </summary>
    public const string AgentUser = "AZP_AGENT_USER";

    /// <summary><c>true</c>: the agent's user may run anything as root through sudo. It gives up the credential boundary.</summary>
    public const string AgentSudo = "AZP_AGENT_SUDO";

    /// <summary>
    /// <c>true</c>: a maintenance run instead of an agent. It removes the pool's dead agents of the agent job's executions
    /// and keeps the placeholder (<see cref="AgentName"/>, with <see cref="Placeholder"/> set) registered.
    /// </summary>
    public const string Maintenance = "AZP_MAINTENANCE";

    /// <summary>
    /// A maintenance run's pattern (.NET regular expression, matched against the whole name) of the agent names the agent
    /// job's executions register: only agents so named are ever removed.
    /// </summary>
    public const string MaintenanceAgentPattern = "AZP_MAINTENANCE_AGENT_PATTERN";

    /// <summary>A maintenance run leaves alone agents registered less than this many seconds ago; default 1800.</summary>
    public const string MaintenanceGraceSeconds = "AZP_MAINTENANCE_GRACE_SECONDS";

    /// <summary>Client id of a user-assigned managed identity; unset selects the system-assigned one.</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    /// <summary>Set by Azure Container Apps to the replica's name.</summary>
    public const string ReplicaName = "CONTAINER_APP_REPLICA_NAME";

    /// <summary>W3C trace context of whoever started the execution; the execution's span becomes its child.</summary>
    public const string TraceParent = "TRACEPARENT";

    /// <summary>W3C trace state that goes with <see cref="TraceParent"/>.</summary>
    public const string TraceState = "TRACESTATE";
}
