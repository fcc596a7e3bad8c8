using AspireAgents.Planner.Records;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.Scaling.Scenarios;

/// <summary>
/// A pairing's run as the planner's job-record file: its finished jobs, read back from the emulator through the same
/// Azure DevOps client the Scaler and the planner use, its settings, and what was measured (wait p50/p95, executions,
/// and each execution's creation to its agent receiving its job, the start-time model a replay draws from).
/// </summary>
internal static class Recording
{
    private const string Pool = "aca-agents";

    public static Task<JobRecording> ReadJobsAsync(Uri organizationUrl, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureDevOps:Authentication"] = "PersonalAccessToken",
            ["AzureDevOps:PersonalAccessToken"] = "local-dev-pat",
        }).Build();
        return AzureDevOpsConnection.ReadJobsAsync(organizationUrl, configuration, Pool, ScenarioOptions.MaxJobs, cancellationToken);
    }

    public static async Task WriteAsync(string directory, ScenarioOptions options, ScenarioResult result, string header, CancellationToken cancellationToken)
    {
        var created = result.Executions.Where(e => e.Created is not null).ToDictionary(e => e.Name, e => new DateTimeOffset(DateTime.SpecifyKind(e.Created!.Value, DateTimeKind.Utc)));
        var starts = result.Requests
            .Where(r => r.ReceiveTime is not null && r.ReservedAgent?.Name is { } name && created.ContainsKey(name))
            .Select(r => (r.ReceiveTime!.Value - created[r.ReservedAgent!.Name!]).TotalSeconds)
            .Order()
            .ToArray();
        var recording = new JobRecording
        {
            Source = $"bench/Scaling.Scenarios, pairing {result.Pairing}",
            Jobs = result.RecordedJobs ?? [],
            Run = new RecordedRun
            {
                PollingIntervalSeconds = options.PollingIntervalSeconds,
                MaxExecutions = options.MaxExecutions,
                Strategy = result.Pairing.Strategy,
                ScaleOnInFlight = result.Pairing.ScaleOnInFlight,
                IdleTimeoutSeconds = options.ReplicaTimeoutSeconds,
                WaitP50 = result.QueueWaitP50,
                WaitP95 = result.QueueWaitP95,
                Executions = result.ExecutionsStarted,
                ExecutionStartSeconds = starts,
                Description = $"{header}; {options.Jobs} runs × {options.DurationSeconds} s; load average mean {result.LoadMean:0.0}",
            },
        };
        var path = Path.Combine(directory, $"{result.Pairing.ToString().Replace(':', '-')}.jobs.json");
        await JobRecordingFile.WriteAsync(path, recording, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Recorded {recording.Jobs.Count} jobs for the planner: {path}");
    }
}
