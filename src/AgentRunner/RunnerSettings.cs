using Microsoft.Extensions.Configuration;

namespace AspireAgents.AgentRunner;

/// <summary>
/// What one execution needs to know, read from the environment the way Microsoft's agent image reads it
/// (<c>AZP_URL</c>, <c>AZP_POOL</c>, <c>AZP_AGENT_NAME</c>, <c>AZP_WORK</c>, <c>AZP_PLACEHOLDER</c>), plus where
/// the agent lives and which credential registers it.
/// </summary>
internal sealed record RunnerSettings
{
    /// <summary>The default pool, as Microsoft's <c>start.sh</c>.</summary>
    public const string DefaultPool = "Default";

    /// <summary>Where the Dockerfile installs the agent.</summary>
    public const string DefaultAgentDirectory = "/azp/agent";

    /// <summary>The organisation URL, without a trailing <c>/</c>.</summary>
    public required Uri OrganizationUrl { get; init; }

    /// <summary>The pool the agent joins.</summary>
    public required string Pool { get; init; }

    /// <summary>The agent's name in the pool.</summary>
    public required string AgentName { get; init; }

    /// <summary>The agent's work folder (<c>--work</c>); <see langword="null"/> keeps the agent's default <c>_work</c>.</summary>
    public string? WorkFolder { get; init; }

    /// <summary>Register, then stop: the agent stays in the pool, offline, so that jobs can be queued to it.</summary>
    public bool Placeholder { get; init; }

    /// <summary>The agent's directory: a pre-installed agent when it holds <c>config.sh</c>, else where to extract one.</summary>
    public required string AgentDirectory { get; init; }

    /// <summary>How the runner gets the token that registers and removes the agent.</summary>
    public required RegistrationCredential Credential { get; init; }

    /// <summary>The file the token was read from (<c>AZP_TOKEN_FILE</c>), if any.</summary>
    public string? TokenFile { get; init; }

    /// <summary>The user (name or id) the agent runs as; <see langword="null"/>: the runner's own.</summary>
    public string? AgentUser { get; init; }

    /// <summary>Whether the agent's user may use sudo (<c>AZP_AGENT_SUDO</c>).</summary>
    public bool AgentSudo { get; init; }

    /// <summary>
    /// Reads the settings from <paramref name="configuration"/> (the environment, under a host).
    /// </summary>
    /// <param name="configuration">Configuration holding the environment variables.</param>
    /// <param name="hostName">The machine's host name, the last default for the agent name.</param>
    /// <exception cref="RunnerSettingsException">One or more settings are missing or wrong; the message names each and its fix.</exception>
    public static RunnerSettings Load(IConfiguration configuration, string hostName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();

        var organizationUrl = ReadOrganizationUrl(configuration[EnvironmentNames.Url], errors);
        var pool = NonEmpty(configuration[EnvironmentNames.Pool]) ?? DefaultPool;
        var agentName = NonEmpty(configuration[EnvironmentNames.AgentName])
            ?? NonEmpty(configuration[EnvironmentNames.ReplicaName])
            ?? NonEmpty(hostName);
        if (agentName is null)
        {
            errors.Add($"{EnvironmentNames.AgentName} is not set and no host name is known: set {EnvironmentNames.AgentName} to a name unique in the pool.");
        }
        else if (agentName.Any(char.IsControl) || agentName.Length > MaxAgentNameLength)
        {
            errors.Add($"{EnvironmentNames.AgentName} '{agentName}' is not a valid agent name: use at most {MaxAgentNameLength} printable characters.");
        }

        var credential = ReadCredential(configuration, errors);
        var agentSudo = ReadSwitch(configuration, EnvironmentNames.AgentSudo, errors);

        if (errors.Count > 0)
        {
            throw new RunnerSettingsException(errors);
        }

        return new RunnerSettings
        {
            OrganizationUrl = organizationUrl!,
            Pool = pool,
            AgentName = agentName!,
            WorkFolder = NonEmpty(configuration[EnvironmentNames.Work]),
            Placeholder = NonEmpty(configuration[EnvironmentNames.Placeholder]) is not null,
            AgentDirectory = Path.GetFullPath(NonEmpty(configuration[EnvironmentNames.AgentDirectory]) ?? DefaultAgentDirectory),
            Credential = credential!,
            TokenFile = NonEmpty(configuration[EnvironmentNames.TokenFile]),
            AgentUser = NonEmpty(configuration[EnvironmentNames.AgentUser]),
            AgentSudo = agentSudo,
        };
    }

    private const int MaxAgentNameLength = 64;

    private static Uri? ReadOrganizationUrl(string? value, List<string> errors)
    {
        const string Example = "https://dev.azure.com/contoso";
        value = NonEmpty(value);
        if (value is null)
        {
            errors.Add($"{EnvironmentNames.Url} is not set: set it to your organisation's URL, e.g. {Example} (no trailing '/').");
            return null;
        }

        if (value.EndsWith('/'))
        {
            errors.Add($"{EnvironmentNames.Url} '{value}' ends with '/': remove the trailing '/', e.g. {Example}.");
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{EnvironmentNames.Url} '{value}' is not an absolute http(s) URL: set it to your organisation's URL, e.g. {Example}.");
            return null;
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            errors.Add($"{EnvironmentNames.Url} '{value}' has a query or fragment: set it to the organisation's URL alone, e.g. {Example}.");
            return null;
        }

        return url;
    }

    private static RegistrationCredential? ReadCredential(IConfiguration configuration, List<string> errors)
    {
        // Microsoft's start.sh: a token file wins over the token itself.
        var tokenFile = NonEmpty(configuration[EnvironmentNames.TokenFile]);
        if (tokenFile is not null)
        {
            string token;
            try
            {
                token = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                errors.Add($"{EnvironmentNames.TokenFile} '{tokenFile}' cannot be read ({e.GetType().Name}): point it at a readable file holding the token, or unset it to use managed identity.");
                return null;
            }

            if (token.Length == 0)
            {
                errors.Add($"{EnvironmentNames.TokenFile} '{tokenFile}' is empty: write the token into it, or unset it to use managed identity.");
                return null;
            }

            return RegistrationCredential.FromToken(token, EnvironmentNames.TokenFile);
        }

        var pat = NonEmpty(configuration[EnvironmentNames.Token]);
        if (pat is not null)
        {
            return RegistrationCredential.FromToken(pat, EnvironmentNames.Token);
        }

        return RegistrationCredential.FromManagedIdentity(NonEmpty(configuration[EnvironmentNames.ClientId]));
    }

    internal static bool ReadSwitch(IConfiguration configuration, string name, List<string> errors)
    {
        switch (NonEmpty(configuration[name])?.ToLowerInvariant())
        {
            case null or "false" or "0":
                return false;
            case "true" or "1":
                return true;
            case var other:
                errors.Add($"{name} '{other}' is neither true nor false: set it to true, or unset it.");
                return false;
        }
    }

    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
