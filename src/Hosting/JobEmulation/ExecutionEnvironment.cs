using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The environment of an execution's process: what ACA gives a job replica (<c>CONTAINER_APP_*</c>, the
/// managed-identity endpoint), the job's <c>AZP_*</c> settings, the dashboard's OTLP endpoint and the execution's
/// trace context (<c>TRACEPARENT</c>).
/// </summary>
internal sealed class ExecutionEnvironment(ContainerAppJobResource job, IConfiguration configuration, string? personalAccessToken)
{
    public IEnumerable<KeyValuePair<string, string>> For(JobExecution execution, int attempt)
    {
        var replica = attempt == 0 ? execution.Name : $"{execution.Name}-r{attempt}";
        yield return new("CONTAINER_APP_JOB_NAME", execution.Resource.Parent.Name);
        yield return new("CONTAINER_APP_JOB_EXECUTION_NAME", execution.Name);
        yield return new("CONTAINER_APP_REPLICA_NAME", replica);

        var emulator = job.TryGetLastAnnotation<AzureDevOpsEmulatorReferenceAnnotation>(out var e) ? e : null;
        var pool = ContainerAppJobSettings.Pool(job);
        yield return new("AZP_URL", emulator?.OrganizationUrl ?? pool.OrganizationUrl);
        yield return new("AZP_POOL", pool.PoolName);
        // A replica's disk is its own in ACA; here each gets a folder, removed when the execution ends.
        var directory = ReplicaDirectory(replica);
        yield return new("AZP_AGENT_DIR", Path.Combine(directory, "agent"));
        yield return new("AZP_WORK", Path.Combine(directory, "_work"));
        // As Microsoft's agent image does: a developer machine or CI may run the AppHost as root.
        yield return new("AGENT_ALLOW_RUNASROOT", "1");

        var parent = execution.Resource.Parent;
        if (parent.HasAnnotationOfType<MaintenanceJobAnnotation>())
        {
            // A maintenance run keeps the placeholder: its agent is the placeholder, registered again when needed.
            foreach (var variable in ContainerAppJobSettings.MaintenanceEnvironment(parent, runMode: true))
            {
                yield return variable;
            }
        }
        else
        {
            var placeholder = parent.TryGetLastAnnotation<PlaceholderAgentAnnotation>(out var ph) ? ph : null;
            yield return new("AZP_AGENT_NAME", execution.IsPlaceholder ? placeholder?.AgentName ?? "placeholder" : replica);
            if (execution.IsPlaceholder)
            {
                yield return new("AZP_PLACEHOLDER", "1");
            }
        }

        if (emulator is not null)
        {
            yield return new("IDENTITY_ENDPOINT", emulator.IdentityEndpoint);
            yield return new("IDENTITY_HEADER", emulator.Settings.IdentityHeader);
        }
        else if (personalAccessToken is not null)
        {
            // Against a real organisation from a laptop there is no managed identity: the runner's PAT fallback.
            yield return new("AZP_TOKEN", personalAccessToken);
        }

        foreach (var variable in Telemetry(execution, replica))
        {
            yield return variable;
        }
    }

    /// <summary>The folder that stands in for a replica's disk.</summary>
    public static string ReplicaDirectory(string replica) => Path.Combine(Path.GetTempPath(), "aspireagents", replica);

    /// <summary>
    /// What Aspire gives its own resources so their telemetry reaches the dashboard, and the execution's trace
    /// context, so that the runner's spans hang under the execution's (and so under the decision that started it).
    /// </summary>
    private IEnumerable<KeyValuePair<string, string>> Telemetry(JobExecution execution, string serviceInstance)
    {
        if (execution.TraceParent is { } traceParent)
        {
            yield return new("TRACEPARENT", traceParent);
            if (!string.IsNullOrEmpty(execution.TraceState))
            {
                yield return new("TRACESTATE", execution.TraceState);
            }
        }

        if (DashboardTelemetryEndpoint.From(configuration) is not { } endpoint)
        {
            yield break;
        }

        yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.Url);
        yield return new("OTEL_EXPORTER_OTLP_PROTOCOL", endpoint.Protocol);
        if (endpoint.Headers is { } headers)
        {
            yield return new("OTEL_EXPORTER_OTLP_HEADERS", headers);
        }

        // The dashboard shows telemetry of one service with several instances as "{service}-{instance}": with the
        // replica's name after the job's as the instance, that is the replica's name, as its resource is named.
        var instance = serviceInstance.StartsWith(job.Name + "-", StringComparison.Ordinal) ? serviceInstance[(job.Name.Length + 1)..] : serviceInstance;
        yield return new("OTEL_SERVICE_NAME", job.Name);
        yield return new("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id={instance}");
        // Short export delays, as Aspire sets for its resources: an execution may live only seconds.
        yield return new("OTEL_BSP_SCHEDULE_DELAY", "1000");
        yield return new("OTEL_BLRP_SCHEDULE_DELAY", "1000");
        yield return new("OTEL_METRIC_EXPORT_INTERVAL", "1000");
    }
}
