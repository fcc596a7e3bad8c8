namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Points a job at the local Azure DevOps emulator under <c>dotnet run</c>: its executions get the
/// emulator's organisation URL and managed-identity endpoint, as an ACA job gets the real ones.
/// </summary>
/// <param name="emulator">The emulator project.</param>
public sealed class AzureDevOpsEmulatorReferenceAnnotation(ProjectResource emulator) : IResourceAnnotation
{
    /// <summary>The emulator project.</summary>
    public ProjectResource Emulator { get; } = emulator ?? throw new ArgumentNullException(nameof(emulator));

    /// <summary>The emulator's settings.</summary>
    public AzureDevOpsEmulatorAnnotation Settings => Emulator.Annotations.OfType<AzureDevOpsEmulatorAnnotation>().Last();

    /// <summary>The emulator's endpoint.</summary>
    public EndpointReference Endpoint => Emulator.GetEndpoint(AzureDevOpsEmulatorAnnotation.EndpointName);

    /// <summary>The organisation URL, e.g. <c>http://localhost:5180/local</c> (allocated endpoints only).</summary>
    public string OrganizationUrl => $"{Endpoint.Url}/{Settings.Organization}";

    /// <summary>The managed-identity endpoint, as <c>IDENTITY_ENDPOINT</c> (allocated endpoints only).</summary>
    public string IdentityEndpoint => $"{Endpoint.Url}/msi/token";
}
