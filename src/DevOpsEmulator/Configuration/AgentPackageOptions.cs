namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>
/// The agent package offered by <c>packages/agent</c>: an existing <c>.tar.gz</c> (<see cref="Path"/>) or a
/// directory packed into one at startup (<see cref="Directory"/>). With neither, the list is empty.
/// </summary>
public sealed class AgentPackageOptions
{
    /// <summary>A <c>.tar.gz</c> archive to serve as is.</summary>
    public string? Path { get; set; }

    /// <summary>A directory to pack into a <c>.tar.gz</c> at startup.</summary>
    public string? Directory { get; set; }

    /// <summary>The version the package claims, <c>major.minor.patch</c>.</summary>
    public string Version { get; set; } = "4.260.0";

    /// <summary>The runtime id the package is for.</summary>
    public string Platform { get; set; } = "linux-x64";
}
