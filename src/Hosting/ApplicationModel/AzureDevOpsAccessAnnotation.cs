namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks a user-assigned identity as one that Azure DevOps must let in: the role it needs on the agent pool of the job
/// it serves. Published as tags on the identity, which the grant script reads.
/// </summary>
/// <param name="job">The job whose organisation and pool the identity serves.</param>
/// <param name="poolRole">The role on the pool: <c>Administrator</c> (agents register and remove themselves) or <c>Reader</c> (the Scaler).</param>
public sealed class AzureDevOpsAccessAnnotation(ContainerAppJobResource job, string poolRole) : IResourceAnnotation
{
    /// <summary>The role agents need: they register and remove themselves.</summary>
    public const string AdministratorRole = "Administrator";

    /// <summary>The role the Scaler needs: it only reads the queue.</summary>
    public const string ReaderRole = "Reader";

    /// <summary>Gets the job whose organisation and pool the identity serves.</summary>
    public ContainerAppJobResource Job { get; } = job ?? throw new ArgumentNullException(nameof(job));

    /// <summary>Gets the role on the pool.</summary>
    public string PoolRole { get; } = poolRole is AdministratorRole or ReaderRole
        ? poolRole
        : throw new ArgumentException($"The pool role must be {AdministratorRole} or {ReaderRole}.", nameof(poolRole));
}
