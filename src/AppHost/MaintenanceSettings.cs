using Aspire.Hosting.ApplicationModel;

namespace AspireAgents.AppHost;

/// <summary>The <c>Agents:Maintenance</c> section: the scheduled job that maintains the agents' pool.</summary>
internal sealed class MaintenanceSettings
{
    /// <summary>When a maintenance run starts: a five-field cron expression in UTC, as Container Apps takes it.</summary>
    public string Schedule { get; set; } = "*/15 * * * *";

    /// <summary>How old (seconds since registration) an offline agent without a job must be to be removed; null for the default (1800).</summary>
    public int? GracePeriodSeconds { get; set; }

    /// <summary>The agent names the agent job's executions register (.NET regular expression, whole name); null for its replica names.</summary>
    public string? AgentNamePattern { get; set; }

    /// <summary>Stops the AppHost, under <c>dotnet run</c> as at publish, when a setting cannot be deployed.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!CronSchedule.TryParse(Schedule, out _, out var error))
        {
            errors.Add($"Agents:Maintenance:Schedule {error}. It is when the maintenance job runs, in UTC, e.g. */15 * * * * for every 15 minutes.");
        }

        if (GracePeriodSeconds < 0)
        {
            errors.Add($"Agents:Maintenance:GracePeriodSeconds is {GracePeriodSeconds}: it must be 0 or more (seconds an agent is left alone after it registered; default 1800).");
        }

        if (errors.Count > 0)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, errors));
        }
    }
}
