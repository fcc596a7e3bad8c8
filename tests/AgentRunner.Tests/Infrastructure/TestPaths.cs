using System.Reflection;

namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>Where the build put the processes the tests start.</summary>
internal static class TestPaths
{
    /// <summary>The stand-in agent's <c>.tar.gz</c>.</summary>
    public static string StandInAgentPackage => Get("StandInAgentPackage");

    /// <summary>The directory the build staged and packed into <see cref="StandInAgentPackage"/>.</summary>
    public static string StandInAgentLayout
    {
        get
        {
            var value = Metadata("StandInAgentLayout");
            return Directory.Exists(value) ? value : throw new DirectoryNotFoundException($"StandInAgentLayout names no directory: '{value}'. Build the solution first.");
        }
    }

    /// <summary>The emulator's main assembly.</summary>
    public static string DevOpsEmulator => Get("DevOpsEmulatorPath");

    /// <summary>
    /// The runner's main assembly: the build's, or another build named by <c>ASPIREAGENTS_AGENT_RUNNER</c> (the
    /// benchmark measures a ReadyToRun publish that way).
    /// </summary>
    public static string AgentRunner => Environment.GetEnvironmentVariable("ASPIREAGENTS_AGENT_RUNNER") is { Length: > 0 } path ? path : Get("AgentRunnerPath");

    private static string Get(string key)
    {
        var value = Metadata(key);
        return File.Exists(value) ? value : throw new FileNotFoundException($"{key} names no file: '{value}'. Build the solution first.", value);
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? string.Empty;
}
