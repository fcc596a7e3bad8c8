namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks a project resource as the local Azure DevOps emulator and records what its consumers need to
/// reach it: the organisation and project names and the managed-identity header of this run.
/// </summary>
/// <param name="identityHeader">The <c>X-IDENTITY-HEADER</c> value the emulator's identity endpoint expects.</param>
public sealed class AzureDevOpsEmulatorAnnotation(string identityHeader) : IResourceAnnotation
{
    /// <summary>The endpoint name the emulator serves on.</summary>
    public const string EndpointName = "http";

    /// <summary>The well-known development PAT the emulator accepts (like Azurite's well-known key).</summary>
    public const string DevelopmentPersonalAccessToken = "local-dev-pat";

    /// <summary>The <c>X-IDENTITY-HEADER</c> value; a fresh one each run, as ACA rotates it.</summary>
    public string IdentityHeader { get; } = identityHeader ?? throw new ArgumentNullException(nameof(identityHeader));

    /// <summary>The organisation name, the first path segment of the organisation URL.</summary>
    public string Organization { get; init; } = "local";

    /// <summary>The project that holds the pipelines.</summary>
    public string Project { get; init; } = "demo";

    /// <summary>
    /// The health check that passes once every pool a local job serves holds an agent; the emulator's other checks say
    /// only that it answers.
    /// </summary>
    public string PoolsReadyCheckName { get; init; } = "pools-ready";
}
