namespace AspireAgents.DevOpsEmulator.Tests.Identity;

/// <summary>Tests that set process environment variables (Azure.Identity reads IDENTITY_ENDPOINT from there) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
