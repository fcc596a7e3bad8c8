using System.CommandLine;
using System.CommandLine.Parsing;
using AspireAgents.Planner.Planning;
using AspireAgents.Scaling;

namespace AspireAgents.Planner.Cli;

/// <summary>The planner's command line: where the jobs come from, the grid, the agent model, the prices and the outputs.</summary>
internal sealed class PlannerCommand
{
    /// <summary>More settings than this in one grid is a typing mistake more likely than a plan.</summary>
    private const int MaxGridSize = 1000;

    public Option<FileInfo?> Jobs { get; } = new("--jobs") { Description = "A job-record JSON file, or a saved answer of pools/{poolId}/jobrequests." };
    public Option<Uri?> Organization { get; } = new("--organization")
    {
        Description = "Read the jobs from this organisation, e.g. https://dev.azure.com/contoso or http://localhost:5180/local (credentials: AzureDevOps__* environment variables, as the Scaler).",
        CustomParser = r => Uri.TryCreate(r.Tokens.Single().Value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : Refuse<Uri>(r, $"--organization '{r.Tokens.Single().Value}' is not an http(s) URL, e.g. https://dev.azure.com/contoso."),
    };
    public Option<string?> Pool { get; } = new("--pool") { Description = "The agent pool whose finished jobs to read, with --organization." };
    public Option<int?> Top { get; } = new("--top") { Description = "Ask Azure DevOps for at most this many job requests." };
    public Option<FileInfo?> SaveJobs { get; } = new("--save-jobs") { Description = "Also write the jobs read as a job-record file, to replay offline." };

    public Option<double[]> Polling { get; } = new("--polling") { Description = "Polling intervals to try, seconds, comma-separated.", DefaultValueFactory = _ => [30], CustomParser = r => ListParsers.Numbers(r, 1, whole: false) };
    public Option<double[]> Max { get; } = new("--max") { Description = "Max executions to try, comma-separated.", DefaultValueFactory = _ => [10], CustomParser = r => ListParsers.Numbers(r, 1, whole: true) };
    public Option<double[]> Standby { get; } = new("--standby") { Description = "Standby agents to try (added to the queue the Scaler reports), comma-separated.", DefaultValueFactory = _ => [0], CustomParser = r => ListParsers.Numbers(r, 0, whole: true) };
    public Option<KedaScalingStrategy> Strategy { get; } = new("--strategy") { Description = "KEDA's scaling strategy (ACA runs Default).", DefaultValueFactory = _ => KedaScalingStrategy.Default };
    public Option<bool> ScaleOnInFlight { get; } = new("--scale-on-in-flight") { Description = "The scaler's scaleOnInFlight: received, unfinished jobs count too.", DefaultValueFactory = _ => true };
    public Option<string[]> Demands { get; } = new("--demands") { Description = "The trigger's demands, which its agents satisfy; comma-separated.", CustomParser = r => [.. string.Join(',', r.Tokens.Select(t => t.Value)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] };

    public Option<double?> StartSeconds { get; } = new("--start-seconds") { Description = "Every execution takes this long to have its agent online, seconds." };
    public Option<double[]?> StartTimes { get; } = new("--start-times") { Description = "Measured start times to draw from, seconds, comma-separated.", CustomParser = r => ListParsers.Numbers(r, 0, whole: false) };
    public Option<(double Percentile, double Seconds)[]?> StartPercentiles { get; } = new("--start-percentiles") { Description = "Start times as percentiles, e.g. 50:12,95:30.", CustomParser = ListParsers.Percentiles };
    public Option<double> Pickup { get; } = new("--pickup") { Description = "An online agent's taking a job to receiving it, seconds.", DefaultValueFactory = _ => 0 };
    public Option<double> IdleTimeout { get; } = new("--idle-timeout") { Description = "An agent without a job exits after this, seconds (the replica timeout).", DefaultValueFactory = _ => 1800 };
    public Option<int> Replications { get; } = new("--replications") { Description = "Replays per setting, polling phase spread over one interval.", DefaultValueFactory = _ => 8 };

    public Option<double> TargetP95 { get; } = new("--target-p95") { Description = "Recommend the cheapest setting whose job wait p95 is at most this, seconds.", DefaultValueFactory = _ => 60 };
    public Option<double> Vcpu { get; } = new("--vcpu") { Description = "vCPUs per execution.", DefaultValueFactory = _ => new CostRates().Vcpu };
    public Option<double> MemoryGib { get; } = new("--memory-gib") { Description = "GiB per execution.", DefaultValueFactory = _ => new CostRates().MemoryGib };
    public Option<double> PricePerVcpuSecond { get; } = new("--price-vcpu-second") { Description = "Dollars per vCPU-second (ACA consumption, pay as you go).", DefaultValueFactory = _ => new CostRates().PerVcpuSecond };
    public Option<double> PricePerGibSecond { get; } = new("--price-gib-second") { Description = "Dollars per GiB-second (ACA consumption, pay as you go).", DefaultValueFactory = _ => new CostRates().PerGibSecond };
    public Option<FileInfo> Chart { get; } = new("--chart") { Description = "Where to write the chart (SVG).", DefaultValueFactory = _ => new FileInfo("planner.svg") };
    public Option<bool> ReplayRun { get; } = new("--replay-run") { Description = "Replay a recorded scenario run with its own settings and start times, and compare with what it measured." };

    /// <summary>The root command, its options and validators; the action is <see cref="PlanAction"/>.</summary>
    public RootCommand Create()
    {
        var root = new RootCommand("What-if planner: replays a pool's finished jobs through KEDA's ScaledJob arithmetic over a grid of polling interval × max executions × standby, and prints job waits against agent time and cost.");
        foreach (var option in new Option[]
        {
            Jobs, Organization, Pool, Top, SaveJobs, Polling, Max, Standby, Strategy, ScaleOnInFlight, Demands,
            StartSeconds, StartTimes, StartPercentiles, Pickup, IdleTimeout, Replications,
            TargetP95, Vcpu, MemoryGib, PricePerVcpuSecond, PricePerGibSecond, Chart, ReplayRun,
        })
        {
            root.Options.Add(option);
        }

        root.Validators.Add(Validate);
        root.SetAction((parse, cancellationToken) => new PlanAction(this, parse).RunAsync(cancellationToken));
        return root;
    }

    private void Validate(CommandResult result)
    {
        var hasFile = result.GetResult(Jobs) is not null;
        var organization = Value(result, Organization);
        if (hasFile == (result.GetResult(Organization) is not null))
        {
            result.AddError("Give the jobs with either --jobs FILE or --organization URL --pool NAME.");
        }

        if (organization is not null && string.IsNullOrWhiteSpace(Value(result, Pool)))
        {
            result.AddError("--organization needs --pool NAME: the agent pool whose jobs to read.");
        }

        if (Value(result, Jobs) is { } file && !file.Exists)
        {
            result.AddError($"--jobs '{file.FullName}' does not exist.");
        }

        var models = new Option[] { StartSeconds, StartTimes, StartPercentiles }.Where(o => result.GetResult(o) is { Implicit: false }).ToList();
        if (models.Count > 1)
        {
            result.AddError($"Give one start-time model, not {string.Join(" and ", models.Select(o => o.Name))}.");
        }

        if (Value(result, StartSeconds) is < 0)
        {
            result.AddError("--start-seconds must not be negative.");
        }

        Require(result, Top, v => v is null or > 0, "--top must be positive.");
        Require(result, Pickup, v => v >= 0, "--pickup must not be negative.");
        Require(result, IdleTimeout, v => v >= 0, "--idle-timeout must not be negative.");
        Require(result, Replications, v => v is >= 1 and <= 1000, "--replications must be 1 to 1000.");
        Require(result, TargetP95, v => v > 0, "--target-p95 must be positive.");
        foreach (var option in new[] { Vcpu, MemoryGib, PricePerVcpuSecond, PricePerGibSecond })
        {
            Require(result, option, v => v >= 0 && double.IsFinite(v), $"{option.Name} must not be negative.");
        }

        var size = (long)(Value(result, Polling)?.Length ?? 1) * (Value(result, Max)?.Length ?? 1) * (Value(result, Standby)?.Length ?? 1);
        if (size > MaxGridSize)
        {
            result.AddError($"The grid has {size} settings; give at most {MaxGridSize} (fewer values of --polling, --max or --standby).");
        }
    }

    private static void Require<T>(CommandResult result, Option<T> option, Func<T, bool> valid, string message)
    {
        if (result.GetResult(option) is { Implicit: false } && Value(result, option) is { } value && !valid(value))
        {
            result.AddError(message);
        }
    }

    private static T? Refuse<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    /// <summary>The option's value, or the default when it did not parse: its own error already says why.</summary>
    private static T? Value<T>(CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
