namespace AspireAgents.Planner.Planning;

/// <summary>
/// What an execution costs per second it lives. The defaults are Azure Container Apps' consumption plan, pay as you go,
/// active usage, in US dollars: $0.000024 per vCPU-second and $0.000003 per GiB-second, the list prices of
/// https://azure.microsoft.com/en-us/pricing/details/container-apps/ as cited on 2026-12-01 (prices vary by region and
/// change: pass your own). Billing per replica-second in vCPU-seconds and GiB-seconds, and the monthly free grant of
/// 180,000 vCPU-seconds and 360,000 GiB-seconds per subscription (left out here: it is not per job), are described in
/// https://learn.microsoft.com/azure/container-apps/billing. A job's replica is billed from its start to its end.
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
