namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>Marks an endpoint as part of the Azure DevOps REST surface: it needs credentials and counts against the rate limit.</summary>
internal sealed class AzureDevOpsApiMetadata
{
    public static readonly AzureDevOpsApiMetadata Instance = new();
}
