using System.Diagnostics;
using System.Globalization;
using AspireAgents.TestSupport;

// Time from starting the agent runner to its agent's session being online ("Listening for Jobs", confirmed by
// the emulator), with the agent pre-installed as in the image (no download). Each execution is then stopped
// with SIGTERM, so that it also removes its agent, as a replica that got no job would.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
const int Warmup = 2;

using var directory = new TempDirectory();
await using var emulator = await EmulatorProcess.StartAsync(directory);
var template = directory.Combine("image-agent");
Directory.CreateDirectory(template);
Run("tar", "-xzf", emulator.PackagePath, "-C", template);

var samples = new List<Sample>();
for (var i = 0; i < Warmup + iterations; i++)
{
    var name = $"bench-{i}";
    var environment = RunnerProcess.EnvironmentFor(emulator, directory, name);
    Directory.CreateDirectory(Path.GetDirectoryName(environment["AZP_AGENT_DIR"])!);
    Run("cp", "-a", template, environment["AZP_AGENT_DIR"]);

    await using var runner = RunnerProcess.Start(environment);
    await runner.WaitForLineAsync("Listening for Jobs", TimeSpan.FromSeconds(60));
    var online = (await emulator.GetAgentsAsync()).Single(a => a.Name == name).Status;
    if (online != AspireAgents.AzureDevOps.Wire.TaskAgentStatus.Online)
    {
        throw new InvalidOperationException($"{name} printed 'Listening for Jobs' but the emulator has it {online}.");
    }

    runner.Signal("TERM");
    var exitCode = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));
    if (exitCode != 143)
    {
        throw new InvalidOperationException($"{name} exited with {exitCode}:{Environment.NewLine}{runner.Output}");
    }

    if (i >= Warmup)
    {
        samples.Add(new Sample(
            runner.TimeOf("for pool")!.Value,
            runner.TimeOf("config.sh --unattended")!.Value,
            runner.TimeOf("Settings Saved.")!.Value,
            runner.TimeOf("run.sh --once")!.Value,
            runner.TimeOf("Listening for Jobs")!.Value));
    }
}

Console.WriteLine($"{iterations} executions (after {Warmup} warm-up), {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine();
Console.WriteLine("| phase (ms from runner start) | p50 | p90 | min | max |");
Console.WriteLine("|---|---|---|---|---|");
Row("runner host up (first log line)", s => s.HostUp);
Row("token + pool lookup done, config.sh starts", s => s.ConfigStart);
Row("agent registered (config.sh done)", s => s.Registered);
Row("run.sh starts", s => s.RunStart);
Row("**session online** (Listening for Jobs)", s => s.Online);
Console.WriteLine();
Console.WriteLine("| step (ms) | p50 |");
Console.WriteLine("|---|---|");
StepRow("runner start-up", s => s.HostUp);
StepRow("token and pool", s => s.ConfigStart - s.HostUp);
StepRow("config.sh (register)", s => s.Registered - s.ConfigStart);
StepRow("run.sh to session online", s => s.Online - s.RunStart);

void Row(string phase, Func<Sample, TimeSpan> select)
{
    var values = samples.Select(s => select(s).TotalMilliseconds).Order().ToArray();
    Console.WriteLine($"| {phase} | {Percentile(values, 0.5):F0} | {Percentile(values, 0.9):F0} | {values[0]:F0} | {values[^1]:F0} |");
}

void StepRow(string step, Func<Sample, TimeSpan> select)
{
    var values = samples.Select(s => select(s).TotalMilliseconds).Order().ToArray();
    Console.WriteLine($"| {step} | {Percentile(values, 0.5):F0} |");
}

static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

static void Run(string file, params string[] arguments)
{
    using var process = Process.Start(file, arguments);
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with {process.ExitCode}.");
    }
}

internal sealed record Sample(TimeSpan HostUp, TimeSpan ConfigStart, TimeSpan Registered, TimeSpan RunStart, TimeSpan Online);
