namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The container app the scaling observer is deployed as: one replica, always on, no ingress (it only reads), a
/// user-assigned identity that reads the pool's queue in Azure DevOps and the job's executions in ARM (Reader on the job).
/// </summary>
/// <param name="observer">The project deployed as the container app (the Scaler, with <c>Observer:Enabled</c>).</param>
/// <param name="job">The observed job, whose environment and registry the app shares.</param>
/// <param name="identity">The observer's identity.</param>
public sealed class ScalingObserverContainerAppResource(ProjectResource observer, ContainerAppJobResource job, AzureManagedIdentityResource identity)
    : Resource((observer ?? throw new ArgumentNullException(nameof(observer))).Name + "-containerapp")
{
    /// <summary>Gets the project deployed as the container app.</summary>
    public ProjectResource App { get; } = observer;

    /// <summary>Gets the observed job.</summary>
    public ContainerAppJobResource Job { get; } = job ?? throw new ArgumentNullException(nameof(job));

    /// <summary>Gets the observer's identity.</summary>
    public AzureManagedIdentityResource Identity { get; } = identity ?? throw new ArgumentNullException(nameof(identity));
}
