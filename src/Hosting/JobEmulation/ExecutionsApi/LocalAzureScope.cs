namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// Where the job emulation's jobs live as far as ARM paths go: the subscription and resource group of the emulator's
/// identities (src/DevOpsEmulator/appsettings.json, <c>Emulator:Identities</c> resource ids).
/// </summary>
internal static class LocalAzureScope
{
    /// <summary>The local subscription id.</summary>
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The local resource group.</summary>
    public const string ResourceGroup = "rg-local";
}

/// <summary>
/// The observer's identity at the emulator's managed-identity endpoint (src/DevOpsEmulator/appsettings.json,
/// <c>aca-observer-identity</c>): its own, as in Azure, so that the executions API's grant is to it alone.
/// </summary>
internal static class LocalObserverIdentity
{
    /// <summary>Its client id, the observer's <c>AZURE_CLIENT_ID</c>.</summary>
    public static readonly Guid ClientId = new("5a0b1c2d-0000-4000-8000-000000000004");

    /// <summary>Its principal id, granted read access to the observed job.</summary>
    public static readonly Guid PrincipalId = new("6b1c2d3e-0000-4000-8000-000000000004");
}
