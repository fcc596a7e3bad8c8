namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A role assignment that lets an identity read a job's executions (<c>Microsoft.App/jobs/executions/read</c>, in the
/// built-in Reader role): in Azure a <c>roleAssignments</c> resource on the job; under <c>dotnet run</c>, the principal the
/// job emulation's executions API admits.
/// </summary>
/// <param name="identity">The identity granted read access, in Azure.</param>
/// <param name="localPrincipalId">Its principal id at the emulator's managed-identity endpoint, under <c>dotnet run</c>.</param>
public sealed class JobExecutionsReaderAnnotation(AzureManagedIdentityResource identity, Guid localPrincipalId) : IResourceAnnotation
{
    /// <summary>The built-in Reader role's id (acdd72a7-3385-48ef-bd42-f606fba81ae7): it includes <c>*/read</c>.</summary>
    public const string ReaderRoleId = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    /// <summary>The identity granted read access.</summary>
    public AzureManagedIdentityResource Identity { get; } = identity ?? throw new ArgumentNullException(nameof(identity));

    /// <summary>Its principal id at the emulator's managed-identity endpoint.</summary>
    public Guid LocalPrincipalId { get; } = localPrincipalId;
}
