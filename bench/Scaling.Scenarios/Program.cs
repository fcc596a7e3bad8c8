using AspireAgents.AppHostHarness;
using System.Globalization;
using AspireAgents.Scaling.Scenarios;

// Each KEDA scaling strategy × scaleOnInFlight pairing against the same workload, on the real AppHost.
// dotnet run -c Release --project bench/Scaling.Scenarios -- [--pairings default:true,accurate:false] [--jobs 100] …
if (CommandLine.ParseOrExplain(args, ScenarioOptions.Parse, ScenarioOptions.Usage) is not { } options)
{
    return 2;
}

using var cancellation = CommandLine.CancelOnCtrlC();

var header = Machine.ResultsHeader("Scaling scenarios");
Console.WriteLine(header);
Console.WriteLine($"Command: dotnet run -c Release --project bench/Scaling.Scenarios -- {string.Join(' ', args)}");
Console.WriteLine();

var results = new List<ScenarioResult>();
foreach (var pairing in options.Pairings)
{
    Console.WriteLine(FormattableString.Invariant($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {pairing}: starting the AppHost"));
    if (options.OutputDirectory is { } directory)
    {
        Directory.CreateDirectory(directory);
    }

    var logPath = options.OutputDirectory is { } logs ? Path.Combine(logs, $"{pairing.ToString().Replace(':', '-')}.log") : null;
    var result = await ScenarioRunner.RunAsync(pairing, options, logPath, cancellation.Token);
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{DateTimeOffset.UtcNow:HH:mm:ss}] {pairing}: makespan {result.Makespan?.TotalSeconds:0.0} s ({result.Ratio:0.00}× ideal), {result.ExecutionsStarted} executions, {result.ExecutionsWithoutJob} without a job, queue wait p50 {result.QueueWaitP50:0.0} s, p95 {result.QueueWaitP95:0.0} s{(result.Complete ? "" : ", INCOMPLETE")}{(result.JobsSucceeded == result.Jobs ? "" : $", {result.Jobs - result.JobsSucceeded} job(s) did not succeed")}"));
    if (options.RecordDirectory is { } recordings)
    {
        await Recording.WriteAsync(recordings, options, result, header, cancellation.Token);
    }

    if (options.OutputDirectory is { } partial)
    {
        await Report.WriteAsync(partial, options, results, header);
    }
}

Console.WriteLine();
Console.WriteLine(Report.Markdown(options, results));
return results.All(r => r.Complete && r.JobsSucceeded == r.Jobs) ? 0 : 1;
