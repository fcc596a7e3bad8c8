using System.Reflection;

namespace AspireAgents.AppHost;

/// <summary>The stand-in agent package built with the AppHost, which the emulator serves from <c>packages/agent</c>.</summary>
internal static class AgentPackage
{
    public static string Path { get; } = typeof(AgentPackage).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "StandInAgentPackagePath").Value!;
}
