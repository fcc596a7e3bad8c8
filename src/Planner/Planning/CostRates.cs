namespace AspireAgents.Planner.Planning;

/// <summary>
/// What an execution costs per second it lives. The defaults are Azure Container Apps' consumption plan, pay as you go:
/// $0.000024 per vCPU-second and $0.000003 per GiB-second of active usage
/// (https://azure.microsoft.com/en-us/pricing/details/container-apps/, read 2026-12-01; the monthly free grant of
/// 180,000 vCPU-seconds and 360,000 GiB-seconds is left out, since it is per subscription, not per job). An event job's
/// replica is active from its start to its end. The size defaults to 2 vCPU and 4 GiB, a build agent's usual size.
/// </summary>
/// <param name="PerVcpuSecond">Dollars per vCPU-second.</param>
/// <param name="PerGibSecond">Dollars per GiB-second.</param>
/// <param name="Vcpu">vCPUs per execution.</param>
/// <param name="MemoryGib">GiB per execution.</param>
public sealed record CostRates(double PerVcpuSecond = 0.000024, double PerGibSecond = 0.000003, double Vcpu = 2, double MemoryGib = 4)
{
    /// <summary>Dollars per second of one execution.</summary>
    public double PerExecutionSecond => (PerVcpuSecond * Vcpu) + (PerGibSecond * MemoryGib);
}
