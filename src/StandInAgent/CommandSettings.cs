namespace AspireAgents.StandInAgent;

/// <summary>
/// The agent's command line: a verb, <c>--name value</c> options and <c>--flag</c> switches, each of which may
/// instead be given as <c>VSTS_AGENT_INPUT_&lt;NAME&gt;</c> (names are case-insensitive, as the agent's are).
/// Like the agent, it removes those variables from its environment once read, so nothing it starts sees them.
/// </summary>
internal sealed class CommandSettings
{
    private const string EnvironmentPrefix = "VSTS_AGENT_INPUT_";

    /// <summary>Switches: flags that take no value.</summary>
    private static readonly HashSet<string> Switches = new(StringComparer.OrdinalIgnoreCase)
    {
        "unattended", "replace", "acceptTeeEula", "once", "help", "version", "commit", "runAsService",
        "disableloguploads", "gitUseSChannel", "sslSkipCertValidation", "noRestart", "deploymentGroup",
        "deploymentPool", "environment", "addDeploymentGroupTags", "addvirtualmachineresourcetags",
    };

    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _switches = new(StringComparer.OrdinalIgnoreCase);

    private CommandSettings(string verb)
    {
        Verb = verb;
    }

    /// <summary><c>configure</c>, <c>remove</c> or <c>run</c>.</summary>
    public string Verb { get; }

    /// <summary>Parses <paramref name="args"/> and the <c>VSTS_AGENT_INPUT_*</c> variables (arguments win).</summary>
    /// <exception cref="ArgumentException">An option lacks its value.</exception>
    public static CommandSettings Parse(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0].ToLowerInvariant()
            : args.Any(a => a.Equals("--version", StringComparison.OrdinalIgnoreCase)) ? "version"
            : "run";
        var settings = new CommandSettings(verb);
        foreach (var (name, value) in ReadEnvironment())
        {
            if (Switches.Contains(name))
            {
                if (bool.TryParse(value, out var on) && on)
                {
                    settings._switches.Add(name);
                }
            }
            else
            {
                settings._options[name] = value;
            }
        }

        for (var i = verb == "run" && (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? 0 : 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var name = arg[2..];
            if (Switches.Contains(name))
            {
                settings._switches.Add(name);
            }
            else if (i + 1 < args.Length)
            {
                settings._options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"The option --{name} needs a value.");
            }
        }

        return settings;
    }

    /// <summary>Whether switch <paramref name="name"/> is on.</summary>
    public bool Has(string name) => _switches.Contains(name);

    /// <summary>The value of option <paramref name="name"/>, or <see langword="null"/>.</summary>
    public string? Get(string name) => _options.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The value of required option <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">It is missing (unattended configuration cannot prompt).</exception>
    public string Require(string name) => Get(name)
        ?? throw new ArgumentException($"Missing required argument --{name} (or {EnvironmentPrefix}{name.ToUpperInvariant()}): an unattended configuration cannot prompt for it.");

    private static List<(string Name, string Value)> ReadEnvironment()
    {
        var found = new List<(string, string)>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((key[EnvironmentPrefix.Length..], (string?)entry.Value ?? ""));
                Environment.SetEnvironmentVariable(key, null);
            }
        }

        return found;
    }
}
