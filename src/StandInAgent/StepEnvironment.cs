using System.Diagnostics;
using System.Globalization;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.StandInAgent;

/// <summary>
/// The environment a step gets, built from nothing rather than inherited: the listener's environment holds what the
/// runner and the platform gave it (a managed-identity endpoint and its header, client ids, trace and telemetry
/// settings), and a step is the pipeline author's code. So a step gets the basics a shell needs, the tool variables
/// <c>env.sh</c> recorded, and the job's non-secret variables; never a credential, the agent's OAuth token included
/// (that lives only in the listener's memory).
/// </summary>
internal static class StepEnvironment
{
    /// <summary>What a shell and the tools it starts expect, taken from the listener's environment when set.</summary>
    private static readonly string[] Basics = ["HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "TZ", "TMPDIR", "TERM"];

    /// <summary>Job variables that would carry a credential if a server sent them; never passed on.</summary>
    private static readonly HashSet<string> Withheld = new(StringComparer.OrdinalIgnoreCase) { "system.accessToken" };

    public static void Apply(ProcessStartInfo startInfo, AgentSettings agent, AgentJobRequestMessage job, string agentRoot, string sourcesDirectory)
    {
        var environment = startInfo.Environment;
        environment.Clear();
        foreach (var name in Basics)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        // env.sh records the PATH and tool variables the agent was configured with (.path, .env), as the agent's does.
        environment["PATH"] = ReadPath(agentRoot) ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var (name, value) in ReadDotEnv(agentRoot))
        {
            environment[name] = value;
        }

        foreach (var (name, value) in job.Variables ?? new Dictionary<string, VariableValue>())
        {
            if (!value.IsSecret && value.Value is not null && !Withheld.Contains(name))
            {
                environment[name.Replace('.', '_').ToUpperInvariant()] = value.Value;
            }
        }

        environment["AGENT_NAME"] = agent.AgentName;
        environment["AGENT_ID"] = agent.AgentId.ToString(CultureInfo.InvariantCulture);
        environment["AGENT_WORKFOLDER"] = agent.WorkFolder;
        environment["AGENT_TEMPDIRECTORY"] = Path.Combine(agent.WorkFolder, "_temp");
        environment["BUILD_SOURCESDIRECTORY"] = sourcesDirectory;
        environment["SYSTEM_JOBID"] = job.JobId.ToString();
        environment["TF_BUILD"] = "True";
    }

    private static string? ReadPath(string agentRoot)
    {
        var file = Path.Combine(agentRoot, ".path");
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } path ? path : null;
    }

    private static IEnumerable<(string Name, string Value)> ReadDotEnv(string agentRoot)
    {
        var file = Path.Combine(agentRoot, ".env");
        if (!File.Exists(file))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(file))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return (line[..equals], line[(equals + 1)..]);
            }
        }
    }
}
