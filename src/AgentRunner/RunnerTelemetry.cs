using System.Diagnostics;

namespace AspireAgents.AgentRunner;

/// <summary>The runner's spans: one per execution, with a child per step.</summary>
internal static class RunnerTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name, <c>AspireAgents.AgentRunner</c>.</summary>
    public const string SourceName = "AspireAgents.AgentRunner";

    /// <summary>The source every span of the runner comes from.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Attribute names (OpenTelemetry's where one exists, else <c>azp.*</c>).</summary>
    public static class Tags
    {
        public const string AgentName = "azp.agent.name";
        public const string AgentId = "azp.agent.id";
        public const string PoolName = "azp.pool.name";
        public const string PoolId = "azp.pool.id";
        public const string JobRequestId = "azp.job.request_id";
        public const string Placeholder = "azp.agent.placeholder";
        public const string Result = "azp.execution.result";
        public const string ExitCode = "process.exit.code";
        public const string Attempts = "azp.remove.attempts";
        public const string PreInstalled = "azp.agent.preinstalled";
        public const string PackageVersion = "azp.agent.version";
        public const string Credential = "azp.credential";
    }

    /// <summary>
    /// Starts the execution's span. Its parent is the W3C trace context in <paramref name="traceParent"/> when
    /// one is given (whoever started the execution passes it as <c>TRACEPARENT</c>), else it starts a trace.
    /// </summary>
    public static Activity? StartExecution(string? traceParent, string? traceState)
    {
        ActivityContext parent = default;
        if (!string.IsNullOrWhiteSpace(traceParent))
        {
            _ = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out parent);
        }

        return Source.StartActivity("agent execution", ActivityKind.Internal, parent);
    }

    /// <summary>Starts a step's span under the current one.</summary>
    public static Activity? StartStep(string name) => Source.StartActivity(name);

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="description"/>.</summary>
    public static void Fail(this Activity? activity, string description) => activity?.SetStatus(ActivityStatusCode.Error, description);
}
