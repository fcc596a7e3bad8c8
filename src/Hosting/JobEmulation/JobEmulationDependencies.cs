using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.JobEmulation;

/// <summary>The AppHost services the job emulation reports to and reads from.</summary>
internal sealed record JobEmulationDependencies(
    ResourceNotificationService Notifications,
    ResourceLoggerService Loggers,
    IConfiguration Configuration,
    TimeProvider Time);
