using System.Diagnostics;

namespace Aspire.Hosting.JobEmulation;

/// <summary>The job emulation's traces: one span per scaling decision.</summary>
internal static class JobEmulationTelemetry
{
    public const string Name = "AspireAgents.JobEmulation";

    public static readonly ActivitySource Source = new(Name);
}
