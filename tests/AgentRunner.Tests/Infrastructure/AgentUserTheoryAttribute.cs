namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>A theory of the user boundary: skipped, saying why, where <see cref="AgentUserFactAttribute"/> is.</summary>
public sealed class AgentUserTheoryAttribute : TheoryAttribute
{
    public AgentUserTheoryAttribute()
    {
        Skip = AgentUserHost.MissingPrerequisite;
    }
}
