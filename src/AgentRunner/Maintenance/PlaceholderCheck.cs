using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>
/// Whether the placeholder can stand in for the job's agents. Azure DevOps queues a job only on a pool holding an
/// agent, online or not, whose capabilities satisfy the job's demands; otherwise it fails the job at once ("No agent
/// found in pool … which satisfies the specified demands", microsoft/azure-container-apps#1064). So the placeholder must
/// advertise what the agents of the same image advertise.
/// </summary>
/// <remarks>
/// What the image's agents advertise is read from the newest agent the job's executions registered (running, or dead
/// and about to be removed), with its capabilities as the service holds them: the agent reports its own (its
/// environment and <c>Agent.*</c>), and nothing else knows them without running it. Without such an agent in the pool
/// there is nothing to compare with, and the placeholder counts as healthy when it is registered, offline and has
/// <c>Agent.OS</c> and <c>Agent.Version</c>; a deployment registers it again anyway (azd's postdeploy hook).
/// </remarks>
internal static class PlaceholderCheck
{
    /// <summary>Capabilities every agent reports; without them a demand such as <c>Agent.Version -gtVersion 2.163.1</c> fails.</summary>
    private static readonly string[] Required = ["Agent.OS", "Agent.Version"];

    /// <summary>What must be equal: the agent software and the platform, which demands compare by value.</summary>
    private static readonly string[] SameValue = ["Agent.OS", "Agent.OSArchitecture", "Agent.Version"];

    /// <summary>
    /// Environment variables that differ between executions, or between the agent job and the job that registered the
    /// placeholder (trace context, telemetry settings, Container Apps' replica names, the runner's <c>AZP_*</c>). No job
    /// demands them; compared, they would make every placeholder look stale.
    /// </summary>
    private static readonly string[] PerExecutionNames = ["TRACEPARENT", "TRACESTATE", "HOSTNAME"];

    private static readonly string[] PerExecutionPrefixes = ["OTEL_", "CONTAINER_APP_", "AZP_"];

    /// <summary>Judges the placeholder against the newest agent of the job's executions.</summary>
    /// <param name="placeholder">The placeholder as listed, with capabilities; <see langword="null"/> when absent.</param>
    /// <param name="reference">The newest agent the job's executions registered, with capabilities; <see langword="null"/> when none is in the pool.</param>
    /// <returns>The state, and what differs when it is stale or incomplete.</returns>
    public static (PlaceholderState State, string Detail) Judge(TaskAgent? placeholder, TaskAgent? reference)
    {
        if (placeholder is null)
        {
            return (PlaceholderState.Missing, "not in the pool");
        }

        if (placeholder.Status == TaskAgentStatus.Online)
        {
            return placeholder.AssignedRequest is { } request
                ? (PlaceholderState.Busy, $"online, running job request {request.RequestId}")
                : (PlaceholderState.Online, "online: a listener runs under its name");
        }

        var capabilities = Capabilities(placeholder);
        var missing = Required.Where(name => !capabilities.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            return (PlaceholderState.Incomplete, $"lacks {string.Join(", ", missing)}");
        }

        if (reference is null)
        {
            return (PlaceholderState.Healthy, "no agent of the job's executions in the pool to compare with");
        }

        var expected = Capabilities(reference);
        var differences = SameValue
            .Where(name => expected.TryGetValue(name, out var value) && !string.Equals(value, capabilities.GetValueOrDefault(name), StringComparison.Ordinal))
            .Select(name => $"{name} {capabilities.GetValueOrDefault(name) ?? "(none)"} where '{reference.Name}' has {expected[name]}")
            .Concat(expected.Keys
                .Where(name => !capabilities.ContainsKey(name) && !IsPerExecution(name))
                .Order(StringComparer.OrdinalIgnoreCase)
                .Select(name => $"lacks {name}"))
            .ToList();
        return differences.Count == 0
            ? (PlaceholderState.Healthy, $"advertises what '{reference.Name}' advertises")
            : (PlaceholderState.Stale, string.Join("; ", differences));
    }

    /// <summary>Whether the run registers the placeholder again: when absent, unusable, or listening; not while it runs a job.</summary>
    public static bool NeedsRegistration(PlaceholderState state) =>
        state is PlaceholderState.Missing or PlaceholderState.Incomplete or PlaceholderState.Stale or PlaceholderState.Online;

    /// <summary>System capabilities overlaid with user capabilities, as demands see them.</summary>
    private static Dictionary<string, string> Capabilities(TaskAgent agent)
    {
        // Read leniently: names differing only in case (which the service would not send) overwrite, not throw.
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in (agent.SystemCapabilities ?? Empty).Concat(agent.UserCapabilities ?? Empty))
        {
            all[name] = value;
        }

        return all;
    }

    private static readonly Dictionary<string, string> Empty = [];

    private static bool IsPerExecution(string name) =>
        PerExecutionNames.Contains(name, StringComparer.OrdinalIgnoreCase) ||
        PerExecutionPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
