using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// What every app and job module in a container apps environment gets from the environment's telemetry settings
/// (<see cref="ContainerAppsTelemetryAnnotation"/>), so that each deployed process exports its traces, metrics and logs
/// (ServiceDefaults reads these variables). One place for every module: an app or job added later gets the same.
/// </summary>
internal static class ContainerAppTelemetry
{
    /// <summary>
    /// Resource attributes of every deployed process (OpenTelemetry's semantic conventions, <c>cloud.*</c>). The
    /// replica and the job execution are added by each process, which alone knows them (ServiceDefaults).
    /// </summary>
    internal const string ResourceAttributes = "cloud.provider=azure,cloud.platform=azure_container_apps";

    /// <summary>
    /// The environment variables of a container, for the service <paramref name="serviceName"/> (the Aspire resource
    /// name: an app's replicas and a job's executions share it, as under <c>dotnet run</c>).
    /// </summary>
    /// <remarks>
    /// The OTLP endpoint is not among them: with the dashboard component, Container Apps' managed OpenTelemetry agent
    /// injects <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> into the containers, and a value set here would override it
    /// (learn.microsoft.com/azure/container-apps/opentelemetry-agents, "Environment variables"); Aspire sets none either
    /// (dotnet/aspire d44e195 src/Aspire.Hosting/OtlpConfigurationExtensions.cs l.65-69 returns in publish mode). The agent
    /// speaks only OTLP/gRPC, so the protocol is pinned. Application Insights' connection string is a secret the module
    /// reads at deployment (<see cref="AddReferences"/>).
    /// </remarks>
    public static IEnumerable<KeyValuePair<string, object?>> Environment(AzureContainerAppsEnvironmentResource environment, string serviceName)
    {
        var telemetry = environment.Telemetry;
        if (!telemetry.AspireDashboard && !telemetry.ApplicationInsights)
        {
            yield break;
        }

        // Application Insights takes the service name as the cloud role, as the dashboard takes it as the resource.
        yield return new("OTEL_SERVICE_NAME", serviceName);
        yield return new("OTEL_RESOURCE_ATTRIBUTES", ResourceAttributes);
        if (telemetry.AspireDashboard)
        {
            yield return new("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        }
    }

    /// <summary>
    /// The module's references the telemetry needs: the environment's domain, whose reference makes azd show the
    /// dashboard's link after the deploy, and the Application Insights component whose connection string the module reads.
    /// </summary>
    public static void AddReferences(AzureContainerAppsEnvironmentResource environment, IDictionary<string, object> references)
    {
        var telemetry = environment.Telemetry;
        if (telemetry.AspireDashboard)
        {
            references["aspireDashboardDomain"] = environment.AspireDashboardDomain;
        }

        if (telemetry.ApplicationInsights)
        {
            references["applicationInsightsName"] = environment.ApplicationInsightsName;
        }
    }
}
