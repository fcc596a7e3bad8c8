namespace AspireAgents.DevOpsEmulator.Packages;

/// <summary>The agent archive the emulator serves.</summary>
/// <param name="FilePath">Where the archive is on disk.</param>
/// <param name="FileName">Its download name, <c>vsts-agent-{rid}-{version}.tar.gz</c>.</param>
/// <param name="Platform">The runtime id.</param>
/// <param name="Version">The version, <c>major.minor.patch</c>.</param>
/// <param name="Sha256">The SHA-256 of the archive, lower-case hex.</param>
/// <param name="CreatedOn">When the archive was written.</param>
internal sealed record AgentPackage(string FilePath, string FileName, string Platform, string Version, string Sha256, DateTimeOffset CreatedOn);
