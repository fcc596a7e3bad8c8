using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.Scaler.Counting;
using BenchmarkDotNet.Attributes;

namespace AspireAgents.Scaler.Benchmarks;

/// <summary>(c) Reading a jobrequests answer: deserialising it, and deserialising plus counting with demands.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private static readonly CountingRules s_demands = CountingRules.Create(null, "docker,Agent.OS -equals Linux", DemandMatching.JobDemandsWithinTrigger, false, true);

    private byte[] _payload = [];

    [Params(200, 10_000)]
    public int Jobs { get; set; }

    public int PayloadBytes => _payload.Length;

    [GlobalSetup]
    public void Setup() => _payload = Payloads.Json(Jobs);

    [Benchmark(Baseline = true)]
    public int Deserialize() =>
        JsonSerializer.Deserialize(_payload, AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest)!.Value.Count;

    [Benchmark]
    public long DeserializeFromStream()
    {
        using var stream = new MemoryStream(_payload, writable: false);
        var list = JsonSerializer.DeserializeAsync(stream, AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest).AsTask().GetAwaiter().GetResult()!;
        return list.Value.Count;
    }

    [Benchmark]
    public long DeserializeAndCountWithDemands()
    {
        var list = JsonSerializer.Deserialize(_payload, AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest)!;
        return QueueCounter.Count(list.Value, s_demands);
    }
}
