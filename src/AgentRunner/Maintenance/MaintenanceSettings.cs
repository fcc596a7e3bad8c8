using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>
/// What a maintenance run (<c>AZP_MAINTENANCE=true</c>) needs besides the runner's settings, which it shares: the
/// placeholder it keeps is the runner's agent (<c>AZP_AGENT_NAME</c>, <c>AZP_PLACEHOLDER</c>), registered as the
/// placeholder job registers it.
/// </summary>
internal sealed record MaintenanceSettings
{
    /// <summary>
    /// The default grace period. A live execution's agent is offline only between <c>config.sh</c> and its listener's
    /// first session (seconds; a minute or two when the agent updates itself first) and while its listener reconnects;
    /// 30 minutes is far above both, and an agent that old, offline and without a job belongs to a dead execution.
    /// </summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromMinutes(30);

    /// <summary>A pattern comes from the deployment, not from Azure DevOps; still, no name may hold a run for long.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The names the agent job's executions register, matched against the whole name.</summary>
    public required Regex AgentNamePattern { get; init; }

    /// <summary>Agents registered more recently than this are left alone.</summary>
    public TimeSpan GracePeriod { get; init; } = DefaultGracePeriod;

    /// <summary>
    /// The maintenance settings when <c>AZP_MAINTENANCE</c> is on, else <see langword="null"/> (an agent execution).
    /// </summary>
    /// <exception cref="RunnerSettingsException">A maintenance setting is missing or wrong; the message names it.</exception>
    public static MaintenanceSettings? Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        if (!RunnerSettings.ReadSwitch(configuration, EnvironmentNames.Maintenance, errors))
        {
            return errors.Count > 0 ? throw new RunnerSettingsException(errors) : null;
        }

        // The placeholder a run keeps is the runner's own agent: without these it would run an agent instead.
        if (RunnerSettings.NonEmpty(configuration[EnvironmentNames.AgentName]) is null || RunnerSettings.NonEmpty(configuration[EnvironmentNames.Placeholder]) is null)
        {
            errors.Add($"{EnvironmentNames.Maintenance} needs {EnvironmentNames.AgentName} (the placeholder agent's name) and {EnvironmentNames.Placeholder}=1: " +
                "a maintenance run registers the placeholder again when it is missing or stale.");
        }

        var pattern = ReadPattern(RunnerSettings.NonEmpty(configuration[EnvironmentNames.MaintenanceAgentPattern]), errors);
        var grace = DefaultGracePeriod;
        if (RunnerSettings.NonEmpty(configuration[EnvironmentNames.MaintenanceGraceSeconds]) is { } seconds)
        {
            if (int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                grace = TimeSpan.FromSeconds(value);
            }
            else
            {
                errors.Add($"{EnvironmentNames.MaintenanceGraceSeconds} '{seconds}' is not a whole number of seconds, 0 or more: set it, for example, to 1800.");
            }
        }

        return errors.Count > 0
            ? throw new RunnerSettingsException(errors)
            : new MaintenanceSettings { AgentNamePattern = pattern!, GracePeriod = grace };
    }

    private static Regex? ReadPattern(string? pattern, List<string> errors)
    {
        if (pattern is null)
        {
            errors.Add($"{EnvironmentNames.MaintenanceAgentPattern} is not set: set it to the pattern of the agent job's agent names, for example ^agents-[a-z0-9]+-[a-z0-9]+$. " +
                "Without it no agent can be told to be the job's.");
            return null;
        }

        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            errors.Add($"{EnvironmentNames.MaintenanceAgentPattern} '{pattern}' is not a regular expression: {e.Message}");
            return null;
        }
    }
}
