using System.CommandLine;
using System.Globalization;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.Planner.Output;
using AspireAgents.Planner.Planning;
using AspireAgents.Planner.Records;
using AspireAgents.Planner.Simulation;
using AspireAgents.Scaling;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.Planner.Cli;

/// <summary>One invocation: read the jobs, replay them over the grid (or the recorded run's own setting), print and chart.</summary>
internal sealed class PlanAction(PlannerCommand command, ParseResult parse)
{
    /// <summary>Start time used when neither an option nor the recording gives one: the order of a real agent's registration.</summary>
    private const double DefaultStartSeconds = 15;

    private TextWriter Output => parse.InvocationConfiguration.Output;

    private TextWriter Error => parse.InvocationConfiguration.Error;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        JobRecording recording;
        try
        {
            recording = await ReadJobsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or InvalidOperationException or AzureDevOpsException)
        {
            await Error.WriteLineAsync($"Could not read the jobs: {exception.Message}").ConfigureAwait(false);
            return 2;
        }

        await Output.WriteLineAsync($"{recording.Jobs.Count} finished jobs from {recording.Source}.").ConfigureAwait(false);
        if (parse.GetValue(command.SaveJobs) is { } save)
        {
            await JobRecordingFile.WriteAsync(save.FullName, recording, cancellationToken).ConfigureAwait(false);
            await Output.WriteLineAsync($"Wrote the jobs to {save.FullName}.").ConfigureAwait(false);
        }

        var rates = new CostRates(parse.GetValue(command.PricePerVcpuSecond), parse.GetValue(command.PricePerGibSecond), parse.GetValue(command.Vcpu), parse.GetValue(command.MemoryGib));
        var replications = parse.GetValue(command.Replications);
        if (parse.GetValue(command.ReplayRun))
        {
            if (recording.Run is not { } run)
            {
                await Error.WriteLineAsync("--replay-run needs a recording of a scenario run (a job-record file with \"run\"), as bench/Scaling.Scenarios --record writes.").ConfigureAwait(false);
                return 2;
            }

            var outcome = RunReplay.Predict(recording, replications, rates, StartTime(recording));
            await Output.WriteAsync(RunComparison.Render(run, outcome)).ConfigureAwait(false);
            return 0;
        }

        var model = StartTime(recording);
        var grid = Grid(model).ToList();
        await Output.WriteLineAsync($"Replaying {grid.Count} settings × {replications} replications; start time {model.Description}; {Pricing(rates)}.").ConfigureAwait(false);
        var outcomes = grid.Select(settings => Replay.Run(recording.Jobs, settings, replications, rates)).ToList();
        var recommendation = Recommendation.Choose(outcomes, parse.GetValue(command.TargetP95));
        await Output.WriteLineAsync().ConfigureAwait(false);
        await Output.WriteAsync(PlanTable.Render(outcomes, recommendation)).ConfigureAwait(false);
        await Output.WriteLineAsync().ConfigureAwait(false);
        await Output.WriteLineAsync(recommendation.Describe()).ConfigureAwait(false);

        var chart = parse.GetValue(command.Chart)!;
        if (chart.Directory is { } directory)
        {
            directory.Create();
        }

        var title = string.Create(CultureInfo.InvariantCulture, $"{recording.Jobs.Count} jobs: wait against agent time and cost ({model.Description})");
        await File.WriteAllTextAsync(chart.FullName, PlanChart.Render(outcomes, recommendation, title), cancellationToken).ConfigureAwait(false);
        await Output.WriteLineAsync($"Chart: {chart.FullName}").ConfigureAwait(false);
        return 0;
    }

    private async Task<JobRecording> ReadJobsAsync(CancellationToken cancellationToken)
    {
        if (parse.GetValue(command.Jobs) is { } file)
        {
            return await JobRecordingFile.ReadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }

        // The Scaler's configuration keys, from the environment only: a PAT never goes on a command line.
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var top = parse.GetValue(command.Top);
        var recording = await AzureDevOpsConnection.ReadJobsAsync(parse.GetValue(command.Organization)!, configuration, parse.GetValue(command.Pool)!, top, cancellationToken).ConfigureAwait(false);
        return recording.Jobs.Count > 0 ? recording : throw new InvalidDataException($"{recording.Source} lists no finished job.");
    }

    private StartTimeModel StartTime(JobRecording recording)
    {
        if (parse.GetValue(command.StartSeconds) is { } seconds)
        {
            return StartTimeModel.Fixed(seconds);
        }

        if (parse.GetValue(command.StartTimes) is { Length: > 0 } times)
        {
            return StartTimeModel.Measured(times);
        }

        if (parse.GetValue(command.StartPercentiles) is { Length: > 0 } percentiles)
        {
            return StartTimeModel.FromPercentiles(percentiles);
        }

        return recording.Run?.ExecutionStartSeconds is { Count: > 0 } measured ? StartTimeModel.Measured(measured) : StartTimeModel.Fixed(DefaultStartSeconds);
    }

    private IEnumerable<SimulationSettings> Grid(StartTimeModel model)
    {
        var common = new SimulationSettings
        {
            ScaleOnInFlight = parse.GetValue(command.ScaleOnInFlight),
            Demands = parse.GetValue(command.Demands) ?? [],
            StartTime = model,
            PickupSeconds = parse.GetValue(command.Pickup),
            IdleTimeoutSeconds = parse.GetValue(command.IdleTimeout),
        };
        var strategy = parse.GetValue(command.Strategy);
        foreach (var polling in parse.GetValue(command.Polling)!)
        {
            foreach (var max in parse.GetValue(command.Max)!)
            {
                foreach (var standby in parse.GetValue(command.Standby)!)
                {
                    yield return common with
                    {
                        PollingIntervalSeconds = polling,
                        Scaling = new ScaledJobSettings { MaxExecutions = (int)max, Strategy = strategy },
                        Standby = (int)standby,
                    };
                }
            }
        }
    }

    private static string Pricing(CostRates rates) => string.Create(CultureInfo.InvariantCulture,
        $"{rates.Vcpu:0.##} vCPU × ${rates.PerVcpuSecond}/vCPU-s + {rates.MemoryGib:0.##} GiB × ${rates.PerGibSecond}/GiB-s = ${rates.PerExecutionSecond * 3600:0.####} per execution-hour");
}
