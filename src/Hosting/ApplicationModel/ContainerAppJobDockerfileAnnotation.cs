namespace Aspire.Hosting.ApplicationModel;

/// <summary>Builds a job's image from a Dockerfile (azd runs <c>docker build</c>) instead of <c>dotnet publish</c>.</summary>
/// <param name="contextPath">The build context directory.</param>
/// <param name="dockerfilePath">The Dockerfile.</param>
/// <param name="buildArguments">Build arguments (<c>--build-arg</c>), written to the manifest's <c>build.args</c>.</param>
public sealed class ContainerAppJobDockerfileAnnotation(string contextPath, string dockerfilePath, IReadOnlyDictionary<string, string>? buildArguments = null) : IResourceAnnotation
{
    /// <summary>Gets the build arguments.</summary>
    public IReadOnlyDictionary<string, string> BuildArguments { get; } = buildArguments ?? new Dictionary<string, string>();

    /// <summary>Gets the full path of the build context directory.</summary>
    public string ContextPath { get; } = Path.GetFullPath(contextPath);

    /// <summary>Gets the full path of the Dockerfile.</summary>
    public string DockerfilePath { get; } = Path.GetFullPath(dockerfilePath);
}
