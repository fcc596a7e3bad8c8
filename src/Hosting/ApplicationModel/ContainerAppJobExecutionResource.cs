namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One execution of a container app job under <c>dotnet run</c>: an agent-runner process started by the
/// job emulation, shown in the dashboard as a child of its job.
/// </summary>
/// <param name="name">The execution name, as ACA names them: the job name and a random suffix.</param>
/// <param name="parent">The job.</param>
public sealed class ContainerAppJobExecutionResource(string name, ContainerAppJobResource parent)
    : Resource(name), IResourceWithParent<ContainerAppJobResource>
{
    /// <summary>The job this execution belongs to.</summary>
    public ContainerAppJobResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));
}
