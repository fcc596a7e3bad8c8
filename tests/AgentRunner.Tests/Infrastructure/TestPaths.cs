using System.Reflection;

namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>Where the build put the processes the tests start.</summary>
internal static class TestPaths
{
    /// <summary>The stand-in agent's <c>.tar.gz</c>.</summary>
    public static string StandInAgentPackage => Get("StandInAgentPackage");

    /// <summary>The emulator's main assembly.</summary>
    public static string DevOpsEmulator => Get("DevOpsEmulatorPath");

    /// <summary>The runner's main assembly.</summary>
    public static string AgentRunner => Get("AgentRunnerPath");

    private static string Get(string key)
    {
        var value = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;
        return File.Exists(value) ? value : throw new FileNotFoundException($"{key} names no file: '{value}'. Build the solution first.", value);
    }
}
