using System.Reflection;

namespace AspireAgents.TestSupport;

/// <summary>Where the build put the processes the tests start (recorded by <c>BuiltBinaries.targets</c>).</summary>
public static class BuiltBinaries
{
    /// <summary>The stand-in agent's <c>.tar.gz</c>.</summary>
    public static string StandInAgentPackage => File("StandInAgentPackage");

    /// <summary>The directory the build staged and packed into <see cref="StandInAgentPackage"/>.</summary>
    public static string StandInAgentLayout => Directory("StandInAgentLayout");

    /// <summary>The emulator's main assembly.</summary>
    public static string DevOpsEmulator => File("DevOpsEmulatorPath");

    /// <summary>The scaler's main assembly.</summary>
    public static string Scaler => File("ScalerPath");

    /// <summary>
    /// The runner's main assembly: the build's, or another build named by <c>ASPIREAGENTS_AGENT_RUNNER</c>, an
    /// assembly or a Native AOT executable (the tests run against the image's publish that way).
    /// </summary>
    public static string AgentRunner => Environment.GetEnvironmentVariable("ASPIREAGENTS_AGENT_RUNNER") is { Length: > 0 } path ? path : File("AgentRunnerPath");

    /// <summary>The repository's root directory, with a trailing separator.</summary>
    public static string RepositoryRoot => Directory("RepositoryRoot");

    private static string File(string key)
    {
        var value = Metadata(key);
        return System.IO.File.Exists(value) ? value : throw new FileNotFoundException($"{key} names no file: '{value}'. Build the solution first.", value);
    }

    private static string Directory(string key)
    {
        var value = Metadata(key);
        return System.IO.Directory.Exists(value) ? value : throw new DirectoryNotFoundException($"{key} names no directory: '{value}'. Build the solution first.");
    }

    private static string Metadata(string key) =>
        typeof(BuiltBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? string.Empty;
}
