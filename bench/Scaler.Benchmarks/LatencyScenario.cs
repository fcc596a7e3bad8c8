using System.Diagnostics;
using System.Globalization;
using AspireAgents.Scaler.Protocol;

namespace AspireAgents.Scaler.Benchmarks;

/// <summary>(b) GetMetrics latency and throughput with a warm cache, from a gRPC client in the same process over loopback h2c.</summary>
internal static class LatencyScenario
{
    public static async Task RunAsync(TextWriter output)
    {
        await using var host = await BenchHost.StartAsync(new Dictionary<string, string?> { ["Scaler:FreshnessWindow"] = "01:00:00", ["Scaler:StalenessBound"] = "01:00:00" }, TimeSpan.Zero);
        var request = new GetMetricsRequest { ScaledObjectRef = BenchHost.ScaledJob("agents", "docker"), MetricName = "azure-pipelines-10" };
        for (var i = 0; i < 5_000; i++)
        {
            await host.Client.GetMetricsAsync(request);
        }

        output.WriteLine("## (b) GetMetrics with a warm cache, client in the same process (loopback, h2c)");
        output.WriteLine();
        output.WriteLine("| callers in flight | calls | throughput (RPC/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var concurrency in new[] { 1, 4, 16, 64 })
        {
            var (latencies, elapsed) = await MeasureAsync(host.Client, request, concurrency, TimeSpan.FromSeconds(5));
            Array.Sort(latencies);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {latencies.Length} | {latencies.Length / elapsed.TotalSeconds:0} | {Percentile(latencies, 0.50):0.000} | {Percentile(latencies, 0.90):0.000} | {Percentile(latencies, 0.99):0.000} | {latencies[^1]:0.000} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Azure DevOps requests during the whole measurement: {host.Organization.Requests} (the warm-up's one read)."));
        output.WriteLine();
    }

    private static async Task<(double[] Latencies, TimeSpan Elapsed)> MeasureAsync(ExternalScaler.ExternalScalerClient client, GetMetricsRequest request, int concurrency, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var local = new List<double>(100_000);
            while (Stopwatch.GetTimestamp() < end)
            {
                var before = Stopwatch.GetTimestamp();
                await client.GetMetricsAsync(request);
                local.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
            }

            return local;
        })).ToArray();
        var results = await Task.WhenAll(workers);
        return (results.SelectMany(r => r).ToArray(), Stopwatch.GetElapsedTime(started));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
