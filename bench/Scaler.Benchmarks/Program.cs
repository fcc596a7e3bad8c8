using AspireAgents.Scaler.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Scaler.Benchmarks -- [requests] [latency] [parse]   (none: all three)
var which = args.Length == 0 ? ["requests", "latency", "parse"] : args;
Console.WriteLine($"# Scaler benchmarks: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine();
if (which.Contains("requests"))
{
    await RequestsScenario.RunAsync(Console.Out);
}

if (which.Contains("latency"))
{
    await LatencyScenario.RunAsync(Console.Out);
}

if (which.Contains("parse"))
{
    Console.WriteLine("## (c) Parsing jobrequests answers");
    Console.WriteLine();
    Console.WriteLine($"Payload sizes: 200 jobs {Payloads.Json(200).Length / 1024.0:0} KiB, 10,000 jobs {Payloads.Json(10_000).Length / 1024.0:0} KiB.");
    Console.WriteLine();
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run<ParsingBenchmarks>(config);
}
