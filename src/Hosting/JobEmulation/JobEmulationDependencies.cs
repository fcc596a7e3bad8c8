using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.JobEmulation;

/// <summary>The AppHost services the job emulation reports to and reads from.</summary>
internal sealed record JobEmulationDependencies(
    ResourceNotificationService Notifications,
    ResourceLoggerService Loggers,
    IConfiguration Configuration,
    TimeProvider Time,
    JobEmulationTelemetryExport Telemetry,
    JobEmulationMetrics Metrics)
{
    /// <summary>
    /// The logger of <paramref name="resource"/>: its console in the dashboard and, when the AppHost exports
    /// telemetry, a structured log that carries the current span's ids.
    /// </summary>
    public ILogger GetLogger(IResource resource) =>
        Telemetry.Endpoint is null
            ? Loggers.GetLogger(resource)
            : new TeeLogger(Loggers.GetLogger(resource), Telemetry.Logs.CreateLogger($"{JobEmulationTelemetryNames.Source}.{resource.Name}"));
}
