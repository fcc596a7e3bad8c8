using AspireAgents.AppHostHarness;
using System.Globalization;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>The workload and job settings every pairing runs with, from the command line.</summary>
internal sealed record ScenarioOptions
{
    /// <summary>The emulator lists at most 200 job requests, which is what the measurements read.</summary>
    public const int MaxJobs = 200;

    public int Jobs { get; init; } = 100;
    public int DurationSeconds { get; init; } = 10;
    public int MaxExecutions { get; init; } = 20;
    public int PollingIntervalSeconds { get; init; } = 5;

    /// <summary>An execution that gets no job waits for one until this ends it; it bounds each scenario.</summary>
    public int ReplicaTimeoutSeconds { get; init; } = 120;

    /// <summary>Standby agents (the rule's <c>standbyAgents</c>); the burst is queued once that many idle agents are online.</summary>
    public int Standby { get; init; }

    /// <summary>With standby, idle agents stop after half the replica timeout (<c>AZP_IDLE_TIMEOUT_SECONDS</c>), which must be shorter.</summary>
    public int IdleTimeoutSeconds => Math.Max(1, ReplicaTimeoutSeconds / 2);

    public int CustomDeduction { get; init; }
    public double CustomPercentage { get; init; } = 0.5;
    public IReadOnlyList<Pairing> Pairings { get; init; } = Pairing.All;

    /// <summary>Where results.md, each pairing's timeline and decisions (CSV) and its AppHost log go; none when null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where each pairing's jobs and measurements go as the planner's job-record JSON; none when null.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>Ideal makespan: full waves of max executions, each one job long, plus one polling interval.</summary>
    public TimeSpan IdealMakespan =>
        TimeSpan.FromSeconds(Math.Ceiling(Jobs / (double)MaxExecutions) * DurationSeconds + PollingIntervalSeconds);

    public const string Usage = """
        dotnet run -c Release --project bench/Scaling.Scenarios -- [options]
          --pairings default:true,accurate:false   strategy:scaleOnInFlight list (default: all 8)
          --jobs 100 --duration 10                 runs of pipeline 'hello' and their step's seconds
          --max 20 --polling 5                     max executions, polling interval (s)
          --replica-timeout 120                    ends executions that got no job (s)
          --custom 0:0.5                           custom's queue-length deduction and running-job percentage
          --standby 0                              standby agents kept idle on top of the queue
          --out DIR                                write results.md, timelines, decisions and logs there
          --record DIR                             write each pairing's jobs and measurements for the planner there
        """;

    public static ScenarioOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScenarioOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--pairings" => options with { Pairings = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Pairing.Parse)] },
                "--jobs" => options with { Jobs = CommandLine.Positive(name, value) },
                "--duration" => options with { DurationSeconds = CommandLine.Positive(name, value) },
                "--max" => options with { MaxExecutions = CommandLine.Positive(name, value) },
                "--polling" => options with { PollingIntervalSeconds = CommandLine.Positive(name, value) },
                "--replica-timeout" => options with { ReplicaTimeoutSeconds = CommandLine.Positive(name, value) },
                "--custom" => ParseCustom(options, value),
                "--standby" => options with { Standby = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var standby) ? standby : throw new ArgumentException($"--standby '{value}' is not a whole number.") },
                "--out" => options with { OutputDirectory = value },
                "--record" => options with { RecordDirectory = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        if (options.Jobs > MaxJobs)
        {
            throw new ArgumentException($"--jobs is at most {MaxJobs}: the emulator lists that many job requests.");
        }

        return options;
    }

    private static ScenarioOptions ParseCustom(ScenarioOptions options, string value)
    {
        var parts = value.Split(':', 2);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var deduction)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percentage)
            || percentage is < 0 or > 1)
        {
            throw new ArgumentException($"--custom '{value}': write deduction:percentage, for example 0:0.5 (percentage 0 to 1).");
        }

        return options with { CustomDeduction = deduction, CustomPercentage = percentage };
    }
}
