using System.Globalization;
using AspireAgents.Scaler.Protocol;

namespace AspireAgents.Scaler.Benchmarks;

/// <summary>
/// (a) Azure DevOps requests per polling interval for N ScaledJobs on one pool. Each ScaledJob polls as KEDA does
/// (GetMetricSpec, GetMetrics, IsActive); the same run measures the scaler with sharing and without it.
/// </summary>
internal static class RequestsScenario
{
    private static readonly TimeSpan s_adoLatency = TimeSpan.FromMilliseconds(30);

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine("## (a) Azure DevOps requests per polling interval, N ScaledJobs on one pool");
        output.WriteLine();
        output.WriteLine("Polls aligned (every ScaledJob polls at the start of the interval); 3 intervals, 2.5 s apart; freshness window 2 s; Azure DevOps answers in 30 ms.");
        output.WriteLine();
        output.WriteLine("| ScaledJobs (N) | RPCs per interval (3N) | without sharing: ADO requests per interval | with sharing: first interval | with sharing: later intervals | reduction |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in new[] { 1, 10, 100 })
        {
            var unshared = await MeasureAlignedAsync(n, share: false);
            var shared = await MeasureAlignedAsync(n, share: true);
            var later = (shared[1] + shared[2]) / 2.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {3 * n} | {unshared.Average():0.#} | {shared[0]} | {later:0.#} | {unshared.Average() / later:0.#}× |"));
        }

        output.WriteLine();
        var spread = await MeasureSpreadAsync(100, TimeSpan.FromSeconds(30));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Polls spread evenly over a 30 s interval (100 ScaledJobs, default 2 s window): {spread} ADO requests in the interval, against {300} without sharing; the bound is interval ÷ window + 1 = 16."));
        output.WriteLine();
    }

    private static async Task<int[]> MeasureAlignedAsync(int scaledJobs, bool share)
    {
        await using var host = await BenchHost.StartAsync(Settings(share), s_adoLatency);
        var jobs = Enumerable.Range(0, scaledJobs).Select(i => BenchHost.ScaledJob($"agents-{i}", Demands(i))).ToArray();
        var perInterval = new int[3];
        for (var interval = 0; interval < perInterval.Length; interval++)
        {
            var before = host.Organization.Requests;
            await Task.WhenAll(jobs.Select(job => PollAsync(host.Client, job)));
            perInterval[interval] = host.Organization.Requests - before;
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }

        return perInterval;
    }

    private static async Task<int> MeasureSpreadAsync(int scaledJobs, TimeSpan interval)
    {
        await using var host = await BenchHost.StartAsync(Settings(share: true), s_adoLatency);
        var jobs = Enumerable.Range(0, scaledJobs).Select(i => BenchHost.ScaledJob($"agents-{i}", Demands(i))).ToArray();
        var before = host.Organization.Requests;
        var step = interval / scaledJobs;
        var polls = new List<Task>();
        foreach (var job in jobs)
        {
            polls.Add(PollAsync(host.Client, job));
            await Task.Delay(step);
        }

        await Task.WhenAll(polls);
        return host.Organization.Requests - before;
    }

    private static async Task PollAsync(ExternalScaler.ExternalScalerClient client, ScaledObjectRef job)
    {
        var spec = await client.GetMetricSpecAsync(job);
        await client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = job, MetricName = spec.MetricSpecs[0].MetricName });
        await client.IsActiveAsync(job);
    }

    private static string? Demands(int i) => (i % 3) switch { 0 => null, 1 => "docker", _ => "Agent.OS -equals Linux" };

    private static Dictionary<string, string?> Settings(bool share) => new()
    {
        ["Scaler:ShareRequests"] = share ? "true" : "false",
        ["Scaler:FreshnessWindow"] = "00:00:02",
    };
}
