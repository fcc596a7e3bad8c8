using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>Adds the local Azure DevOps emulator and points resources at it.</summary>
public static class AzureDevOpsEmulatorBuilderExtensions
{
    /// <summary>The emulator's default port: stable, so that a browser, curl or a second tool can find it.</summary>
    public const int DefaultPort = 5180;

    /// <summary>
    /// Adds the Azure DevOps emulator project: an organisation (<c>local</c>, project <c>demo</c>) and a
    /// managed-identity endpoint, on <paramref name="port"/>. Run mode only: it is never deployed.
    /// </summary>
    /// <typeparam name="TProject">The emulator project's metadata (<c>Projects.DevOpsEmulator</c>).</typeparam>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port; <see langword="null"/> for a random one.</param>
    /// <returns>The emulator's resource builder, with "Queue pipeline run" and "Inject fault" commands.</returns>
    public static IResourceBuilder<ProjectResource> AddAzureDevOpsEmulator<TProject>(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = DefaultPort)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        // ACA rotates the identity header; a fresh value per run keeps consumers honest about reading it.
        var settings = new AzureDevOpsEmulatorAnnotation(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))
        {
            PoolsReadyCheckName = $"{name}-pools-ready",
        };

        var emulator = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, name: AzureDevOpsEmulatorAnnotation.EndpointName, isProxied: false)
            .WithEnvironment("Emulator__IdentityHeader", settings.IdentityHeader)
            .WithEnvironment("Emulator__Organization", settings.Organization)
            .WithEnvironment("Emulator__Project", settings.Project)
            .WithHttpHealthCheck("/health")
            .WithAnnotation(settings)
            .ExcludeFromManifest();

        // Healthy only once its pools can take jobs (see EmulatorPoolsHealthCheck): what waits for it waits for that.
        var resource = emulator.Resource;
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            settings.PoolsReadyCheckName,
            services => new EmulatorPoolsHealthCheck(resource, services.GetRequiredService<DistributedApplicationModel>()),
            failureStatus: null,
            tags: null));
        emulator.WithHealthCheck(settings.PoolsReadyCheckName);

        // The commands hold their resource: the dashboard names the running instance (devops-xxxxxxxx), not the model's resource.
        return emulator
            .WithCommand("queue-pipeline-run", "Queue pipeline run", context => EmulatorCommands.QueuePipelineRunAsync(context, resource),
                new CommandOptions
                {
                    Description = "Queue runs of a pipeline through the pipelines REST API",
                    IconName = "Play",
                    IsHighlighted = true,
                    // Disabled until the pools hold their agents: a run queued before would fail at once.
                    UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
                        ? ResourceCommandState.Enabled
                        : ResourceCommandState.Disabled,
                })
            .WithCommand("inject-fault", "Inject fault", context => EmulatorCommands.InjectFaultAsync(context, resource),
                new CommandOptions { Description = "Make the next requests fail with 429, 5xx or a 203 sign-in page", IconName = "ErrorCircle" });
    }

    /// <summary>
    /// Gives a service the emulator's managed-identity endpoint (<c>IDENTITY_ENDPOINT</c>,
    /// <c>IDENTITY_HEADER</c>) and waits for the emulator to start: Azure.Identity then gets tokens from it exactly as
    /// it does from Azure Container Apps. Has no effect at publish time, where Azure provides the endpoint.
    /// </summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="builder">The consumer's resource builder.</param>
    /// <param name="emulator">The emulator.</param>
    /// <returns>The consumer's resource builder.</returns>
    public static IResourceBuilder<T> WithAzureDevOpsEmulator<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> emulator)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);

        if (!builder.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        var reference = new AzureDevOpsEmulatorReferenceAnnotation(emulator.Resource);
        var endpoint = emulator.GetEndpoint(AzureDevOpsEmulatorAnnotation.EndpointName);
        return builder
            .WithEnvironment("IDENTITY_ENDPOINT", ReferenceExpression.Create($"{endpoint}/msi/token"))
            .WithEnvironment("IDENTITY_HEADER", reference.Settings.IdentityHeader)
            // Started, not healthy: the emulator turns healthy only once its pools hold agents, which the job emulation
            // registers after the AppHost has started; waiting for health here would hold the AppHost's start for ever.
            .WaitForStart(emulator);
    }

    /// <summary>
    /// Points the job at the emulator under <c>dotnet run</c>: executions get its organisation URL as
    /// <c>AZP_URL</c> and its identity endpoint, and the scale rule watches its pool. At publish time the job
    /// keeps the organisation of <see cref="ContainerAppJobBuilderExtensions.WithAzurePipelinesPool"/>.
    /// </summary>
    /// <param name="builder">The job's resource builder.</param>
    /// <param name="emulator">The emulator.</param>
    /// <returns>The job's resource builder.</returns>
    public static IResourceBuilder<ContainerAppJobResource> WithAzureDevOpsEmulator(
        this IResourceBuilder<ContainerAppJobResource> builder, IResourceBuilder<ProjectResource> emulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);

        return builder.ApplicationBuilder.ExecutionContext.IsRunMode
            ? builder.WithAnnotation(new AzureDevOpsEmulatorReferenceAnnotation(emulator.Resource), ResourceAnnotationMutationBehavior.Replace)
            : builder;
    }

    /// <summary>
    /// Serves an agent package (a <c>.tar.gz</c> laid out as the real agent's) from the emulator's
    /// <c>packages/agent</c>, with its SHA-256 as <c>hashValue</c>, for runners that download the agent.
    /// </summary>
    /// <param name="builder">The emulator's resource builder.</param>
    /// <param name="archivePath">The package archive.</param>
    /// <returns>The emulator's resource builder.</returns>
    public static IResourceBuilder<ProjectResource> WithAgentPackage(this IResourceBuilder<ProjectResource> builder, string archivePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);

        return builder.WithEnvironment("Emulator__AgentPackage__Path", archivePath);
    }
}
