using AspireAgents.AppHostHarness;
using AspireAgents.Chaos;

// The faults one after another on the real AppHost, then (with --soak) a stream of short jobs, measured.
// dotnet run -c Release --project bench/Chaos -- [--faults KillMidJob,Throttled] [--soak 1000] [--out DIR] …
if (CommandLine.ParseOrExplain(args, ChaosOptions.Parse, ChaosOptions.Usage) is not { } options)
{
    return 2;
}

using var cancellation = CommandLine.CancelOnCtrlC();

var header = Machine.ResultsHeader("Chaos suite");
Console.WriteLine(header);
Console.WriteLine($"Command: dotnet run -c Release --project bench/Chaos -- {string.Join(' ', args)}");
void Progress(string line) => Console.WriteLine(FormattableString.Invariant($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {line}"));
string? Log(string name) => options.OutputDirectory is { } directory ? Path.Combine(Directory.CreateDirectory(directory).FullName, name) : null;

SuiteResult? suite = null;
if (options.Faults.Count > 0)
{
    suite = await ChaosSuite.RunAsync(options, Log("faults.log"), Progress, cancellation.Token);
    if (options.OutputDirectory is { } partial)
    {
        await ChaosReport.WriteAsync(partial, header, suite, null);
    }
}

SoakResult? soak = null;
if (options.SoakJobs > 0)
{
    Progress($"soak: {options.SoakJobs} jobs");
    soak = await SoakRun.RunAsync(options, Log("soak.log"), Progress, cancellation.Token);
}

if (options.OutputDirectory is { } output)
{
    await ChaosReport.WriteAsync(output, header, suite, soak);
}

Console.WriteLine();
Console.WriteLine(ChaosReport.Markdown(suite, soak));
return (suite is null || suite.Violations().Count == 0) && (soak is null || (soak.Ended && soak.NotSucceeded == 0)) ? 0 : 1;
