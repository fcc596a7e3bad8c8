using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AspireAgents.StandInAgent;

/// <summary>The agent's version and the system capabilities it reports.</summary>
internal static class AgentInfo
{
    public static string Version { get; } = typeof(AgentInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "AgentVersion")?.Value ?? "0.0.0";

    /// <summary>
    /// <c>Agent.*</c> capabilities plus the environment, as the agent reports them, less the variables named in
    /// <c>VSO_AGENT_IGNORE</c> and the agent's own inputs.
    /// </summary>
    public static Dictionary<string, string> Capabilities(string root, string agentName)
    {
        var ignored = new HashSet<string>(
            (Environment.GetEnvironmentVariable("VSO_AGENT_IGNORE") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.OrdinalIgnoreCase) { "VSO_AGENT_IGNORE" };
        var capabilities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!ignored.Contains(name) && !name.StartsWith("VSTS_AGENT_INPUT_", StringComparison.OrdinalIgnoreCase))
            {
                capabilities[name] = (string?)entry.Value ?? "";
            }
        }

        capabilities["Agent.Name"] = agentName;
        capabilities["Agent.Version"] = Version;
        capabilities["Agent.OS"] = OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Darwin" : "Windows_NT";
        capabilities["Agent.OSArchitecture"] = RuntimeInformation.OSArchitecture.ToString().ToUpperInvariant();
        capabilities["Agent.HomeDirectory"] = root;
        capabilities["Agent.ComputerName"] = Environment.MachineName;
        return capabilities;
    }
}
