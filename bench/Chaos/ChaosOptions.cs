using AspireAgents.AppHostHarness;
using System.Globalization;

namespace AspireAgents.Chaos;

/// <summary>The workload, the faults and the job's settings, from the command line (or the short test's values).</summary>
public sealed record ChaosOptions
{
    public static IReadOnlyList<FaultKind> AllFaults { get; } = Enum.GetValues<FaultKind>();

    public IReadOnlyList<FaultKind> Faults { get; init; } = AllFaults;

    /// <summary>Runs queued at the start of each phase; their step lasts <see cref="JobSeconds"/> (kill-mid-job phases: <see cref="KillJobSeconds"/>, long enough to be caught running).</summary>
    public int JobsPerFault { get; init; } = 20;
    public int JobSeconds { get; init; } = 2;
    public int KillJobSeconds { get; init; } = 10;

    /// <summary>How long each fault lasts (kill faults: at most, until <see cref="Kills"/> executions are killed).</summary>
    public int FaultSeconds { get; init; } = 20;
    public int Kills { get; init; } = 3;

    /// <summary>How long Azure DevOps holds each answer during <see cref="FaultKind.SlowAnswers"/>, and the 429's <c>Retry-After</c>.</summary>
    public int SlowAnswerMilliseconds { get; init; } = 2000;
    public int RetryAfterSeconds { get; init; } = 5;

    public int MaxExecutions { get; init; } = 8;
    public int PollingIntervalSeconds { get; init; } = 3;
    public int ReplicaTimeoutSeconds { get; init; } = 90;

    /// <summary>
    /// The emulator's job lock and silent-session timeout: a killed agent goes offline after the one and its job is
    /// abandoned after the other. Shorter than the service's so that a run ends in minutes; docs/emulator.md has the rules.
    /// </summary>
    public int JobLockSeconds { get; init; } = 30;
    public int SessionIdleSeconds { get; init; } = 10;

    /// <summary>How long the maintenance job leaves a registered agent alone (its grace period).</summary>
    public int MaintenanceGraceSeconds { get; init; } = 20;

    /// <summary>The longest a job may wait for an agent counted from the fault's end (or its queueing, if later).</summary>
    public int WaitBoundSeconds { get; init; } = 60;

    /// <summary>How long a phase's jobs may take to end after its fault before they count as lost.</summary>
    public int PhaseDeadlineSeconds { get; init; } = 300;

    /// <summary>Jobs of the soak (0: none), queued at <see cref="SoakJobsPerSecond"/>, each 1 or 2 s.</summary>
    public int SoakJobs { get; init; }
    public double SoakJobsPerSecond { get; init; } = 2;

    /// <summary>Where results.md, the timelines and the AppHost's logs go; none when null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>One fault of each kind on a few jobs, bounded for a loaded 2-core machine: what <c>dotnet test</c> runs.</summary>
    public static ChaosOptions Short { get; } = new()
    {
        JobsPerFault = 4,
        JobSeconds = 1,
        KillJobSeconds = 8,
        FaultSeconds = 6,
        Kills = 1,
        MaxExecutions = 4,
        PollingIntervalSeconds = 2,
        ReplicaTimeoutSeconds = 45,
        JobLockSeconds = 15,
        SessionIdleSeconds = 8,
        SlowAnswerMilliseconds = 1500,
        RetryAfterSeconds = 3,
        WaitBoundSeconds = 90,
        PhaseDeadlineSeconds = 120,
    };

    public const string Usage = """
        dotnet run -c Release --project bench/Chaos -- [options]
          --faults KillMidJob,ScalerRestart,...     phases to run (default: all seven; none: soak only)
          --jobs 20 --duration 2 --kill-duration 10 runs per phase and their step's seconds
          --fault-seconds 20 --kills 3              how long each fault lasts, executions killed per kill fault
          --max 8 --polling 3                       max executions, polling interval (s)
          --soak 1000 --soak-rate 2                 a soak of that many 1-2 s jobs at that many per second
          --out DIR                                 write results.md, timelines and the AppHost's logs there
        """;

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ChaosOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--faults" => options with { Faults = ParseFaults(value) },
                "--jobs" => options with { JobsPerFault = CommandLine.Positive(name, value) },
                "--duration" => options with { JobSeconds = CommandLine.Positive(name, value) },
                "--kill-duration" => options with { KillJobSeconds = CommandLine.Positive(name, value) },
                "--fault-seconds" => options with { FaultSeconds = CommandLine.Positive(name, value) },
                "--kills" => options with { Kills = CommandLine.Positive(name, value) },
                "--max" => options with { MaxExecutions = CommandLine.Positive(name, value) },
                "--polling" => options with { PollingIntervalSeconds = CommandLine.Positive(name, value) },
                "--soak" => options with { SoakJobs = CommandLine.Positive(name, value) },
                "--soak-rate" => options with { SoakJobsPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => options with { OutputDirectory = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        // The checks read every phase's jobs from one job requests list, which the service caps at 200.
        if (options.Faults.Count * options.JobsPerFault > 200)
        {
            throw new ArgumentException("--jobs × the number of faults is at most 200: the emulator lists that many job requests.");
        }

        return options;
    }

    private static IReadOnlyList<FaultKind> ParseFaults(string value) => value == "none"
        ? []
        : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Enum.TryParse<FaultKind>(f, ignoreCase: true, out var kind) ? kind : throw new ArgumentException($"Unknown fault '{f}': use {string.Join(", ", AllFaults)}."))];
}
