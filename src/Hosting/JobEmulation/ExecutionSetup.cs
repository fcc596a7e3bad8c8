using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.JobEmulation;

/// <summary>What every execution of one job shares: how to start the runner and where to report.</summary>
internal sealed record ExecutionSetup(
    RunnerCommand Command,
    ContainerAppJobReplicaAnnotation Settings,
    Func<JobExecution, int, IEnumerable<KeyValuePair<string, string>>> Environment,
    ResourceNotificationService Notifications,
    TimeProvider Time,
    JobEmulationMetrics Metrics);
