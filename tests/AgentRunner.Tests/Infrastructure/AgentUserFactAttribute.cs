namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>
/// A test of the user boundary: it needs root (to start the runner as root and read other users' /proc entries),
/// the <c>nobody</c> user and setpriv. Elsewhere it is skipped, saying which is missing.
/// </summary>
public sealed class AgentUserFactAttribute : FactAttribute
{
    public AgentUserFactAttribute()
    {
        Skip = AgentUserHost.MissingPrerequisite;
    }
}
