using System.Diagnostics;
using System.Globalization;
using AspireAgents.TestSupport;

// Time from starting the agent runner to its agent's session being online ("Listening for Jobs", confirmed by
// the emulator), with the agent pre-installed as in the image (no download), and the runner's own share of it:
// from its start until it hands over to config.sh. Each execution is then stopped with SIGTERM, so that it also
// removes its agent, as a replica that got no job would.
//
//   AgentRunner.Bench [iterations] [label=runner ...]
//
// Each runner is a build's main assembly or native executable; without one, the solution's build. Several builds
// take turns execution by execution, so that the machine's load falls on each alike.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var builds = args.Skip(1).Select(Build.Parse).DefaultIfEmpty(new Build("build", BuiltBinaries.AgentRunner)).ToList();
const int Warmup = 2;
const string HandOverFile = ".handed-over";

using var directory = new TempDirectory();
await using var emulator = await EmulatorProcess.StartAsync(directory);
var template = directory.Combine("image-agent");
Directory.CreateDirectory(template);
Run("tar", "-xzf", emulator.PackagePath, "-C", template);
MarkHandOver(template);

var samples = builds.ToDictionary(b => b, _ => new List<Sample>());
for (var i = 0; i < Warmup + iterations; i++)
{
    foreach (var build in builds)
    {
        var sample = await MeasureAsync(build, $"bench-{build.Label}-{i}");
        if (i >= Warmup)
        {
            samples[build].Add(sample);
        }
    }
}

Console.WriteLine($"{iterations} executions per build (after {Warmup} warm-up), {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
foreach (var build in builds)
{
    var of = samples[build];
    Console.WriteLine();
    Console.WriteLine($"{build.Label} ({build.Runner}):");
    Console.WriteLine();
    Console.WriteLine("| phase (ms from runner start) | p50 | p95 | min | max |");
    Console.WriteLine("|---|---|---|---|---|");
    Row(of, "runner host up (first log line)", s => s.HostUp);
    Row(of, "**handed over: config.sh starts** (the runner's own share)", s => s.HandedOver);
    Row(of, "agent registered (config.sh done)", s => s.Registered);
    Row(of, "run.sh starts", s => s.RunStart);
    Row(of, "**session online** (Listening for Jobs)", s => s.Online);
    Console.WriteLine();
    Console.WriteLine("| step (ms) | p50 |");
    Console.WriteLine("|---|---|");
    StepRow(of, "runner start-up", s => s.HostUp);
    StepRow(of, "token, pool, hand-over", s => s.HandedOver - s.HostUp);
    StepRow(of, "config.sh (register)", s => s.Registered - s.HandedOver);
    StepRow(of, "run.sh to session online", s => s.Online - s.RunStart);
}

if (builds.Count > 1)
{
    Console.WriteLine();
    Console.WriteLine($"| runner's own share (ms) | p50 | p95 | p50 ÷ {builds[0].Label} |");
    Console.WriteLine("|---|---|---|---|");
    var baseline = Percentile(Sorted(samples[builds[0]], s => s.HandedOver), 0.5);
    foreach (var build in builds)
    {
        var values = Sorted(samples[build], s => s.HandedOver);
        Console.WriteLine($"| {build.Label} | {Percentile(values, 0.5):F0} | {Percentile(values, 0.95):F0} | {Percentile(values, 0.5) / baseline:F2} |");
    }
}

async Task<Sample> MeasureAsync(Build build, string name)
{
    var environment = RunnerProcess.EnvironmentFor(emulator, directory, name);
    var agentDirectory = environment["AZP_AGENT_DIR"];
    Directory.CreateDirectory(Path.GetDirectoryName(agentDirectory)!);
    Run("cp", "-a", template, agentDirectory);

    var started = DateTimeOffset.UtcNow;
    await using var runner = RunnerProcess.Start(environment, build: build.Runner);
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

    var handedOver = decimal.Parse(File.ReadAllText(Path.Combine(agentDirectory, HandOverFile)), CultureInfo.InvariantCulture);
    return new Sample(
        runner.Lines.Count > 0 ? runner.TimeOf(runner.Lines[0])!.Value : TimeSpan.Zero,
        TimeSpan.FromMilliseconds((double)(handedOver * 1000) - (started - DateTimeOffset.UnixEpoch).TotalMilliseconds),
        runner.TimeOf("Settings Saved.")!.Value,
        runner.TimeOf("run.sh --once")!.Value,
        runner.TimeOf("Listening for Jobs")!.Value);
}

// config.sh as the runner starts it, wrapped: it notes the moment it starts (bash's clock, no process of its own),
// then becomes the agent's script. The runner's share ends there, whatever it logged before.
static void MarkHandOver(string agentDirectory)
{
    var script = Path.Combine(agentDirectory, "config.sh");
    File.Move(script, Path.Combine(agentDirectory, "config.agent.sh"));
    File.WriteAllText(script, $$"""
        #!/bin/bash
        printf '%s' "$EPOCHREALTIME" > "${0%/*}/{{HandOverFile}}"
        exec "${0%/*}/config.agent.sh" "$@"

        """);
    Run("chmod", "755", script);
}

static double[] Sorted(List<Sample> samples, Func<Sample, TimeSpan> select) => [.. samples.Select(s => select(s).TotalMilliseconds).Order()];

static void Row(List<Sample> samples, string phase, Func<Sample, TimeSpan> select)
{
    var values = Sorted(samples, select);
    Console.WriteLine($"| {phase} | {Percentile(values, 0.5):F0} | {Percentile(values, 0.95):F0} | {values[0]:F0} | {values[^1]:F0} |");
}

static void StepRow(List<Sample> samples, string step, Func<Sample, TimeSpan> select) =>
    Console.WriteLine($"| {step} | {Percentile(Sorted(samples, select), 0.5):F0} |");

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

internal sealed record Sample(TimeSpan HostUp, TimeSpan HandedOver, TimeSpan Registered, TimeSpan RunStart, TimeSpan Online);

/// <summary>A runner build to measure, by label.</summary>
internal sealed record Build(string Label, string Runner)
{
    public static Build Parse(string argument) => argument.Split('=', 2) is [var label, var runner]
        ? new Build(label, Path.GetFullPath(runner))
        : throw new ArgumentException($"'{argument}' is not label=path-of-a-runner-build.");
}
