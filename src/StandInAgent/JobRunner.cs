using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using AspireAgents.AgentRunner.Processes;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.StandInAgent;

/// <summary>
/// Runs one job: its <c>script</c> steps with bash, in order; renews the job's lock while they run; watches
/// for the job's cancellation; finishes the job request with its result.
/// </summary>
internal sealed class JobRunner(ServerClient client, AgentSettings agent, Guid sessionId, AgentJobRequestMessage job, long? lastMessageId)
{
    private static readonly TimeSpan StepStopTimeout = TimeSpan.FromSeconds(5);
    private DateTimeOffset _lockedUntil = job.LockedUntil ?? DateTimeOffset.UtcNow.AddMinutes(5);
    private long? _lastMessageId = lastMessageId;

    /// <summary>Runs the job; returns the id of the last message seen, for the listener to go on from.</summary>
    public async Task<long?> RunAsync(CancellationToken stop)
    {
        Output.Timestamped($"Running job: {job.JobDisplayName ?? job.JobName}");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var watchers = new CancellationTokenSource();
        var renewing = RenewAsync(watchers.Token);
        var watching = WatchForCancellationAsync(cancel, watchers.Token);

        var result = await RunStepsAsync(cancel.Token).ConfigureAwait(false);

        await watchers.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(renewing, watching).ConfigureAwait(false);
        await FinishAsync(result).ConfigureAwait(false);
        Output.Timestamped($"Job {job.JobDisplayName ?? job.JobName} completed with result: {ToWire(result)}");
        return _lastMessageId;
    }

    private async Task<TaskResult> RunStepsAsync(CancellationToken cancellationToken)
    {
        var sources = Path.Combine(agent.WorkFolder, "1", "s");
        Directory.CreateDirectory(sources);
        foreach (var step in job.Steps ?? [])
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return TaskResult.Canceled;
            }

            if (!step.Type.Equals("script", StringComparison.OrdinalIgnoreCase) || !step.Inputs.TryGetValue("script", out var script))
            {
                Output.Line($"##[warning]Step '{step.DisplayName}' of type '{step.Type}' is not supported by the stand-in agent; skipped.");
                continue;
            }

            Output.Line($"##[section]Starting: {step.DisplayName}");
            var exitCode = await RunScriptAsync(script, sources, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                Output.Line($"##[error]The step '{step.DisplayName}' was cancelled.");
                return TaskResult.Canceled;
            }

            Output.Line($"##[section]Finishing: {step.DisplayName}");
            if (exitCode != 0)
            {
                Output.Line($"##[error]Bash exited with code '{exitCode}'.");
                return TaskResult.Failed;
            }
        }

        return TaskResult.Succeeded;
    }

    private async Task<int> RunScriptAsync(string script, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        startInfo.ArgumentList.Add("bash");
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        startInfo.Environment["AGENT_NAME"] = agent.AgentName;
        startInfo.Environment["AGENT_ID"] = agent.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["AGENT_WORKFOLDER"] = agent.WorkFolder;
        startInfo.Environment["BUILD_SOURCESDIRECTORY"] = workingDirectory;
        startInfo.Environment["SYSTEM_JOBID"] = job.JobId.ToString();
        foreach (var (name, value) in job.Variables ?? new Dictionary<string, VariableValue>())
        {
            if (!value.IsSecret && value.Value is not null)
            {
                startInfo.Environment[name.Replace('.', '_').ToUpperInvariant()] = value.Value;
            }
        }

        using var process = Process.Start(startInfo)!;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.Signal(process.Id, PosixSignal.SIGTERM);
            using var grace = new CancellationTokenSource(StepStopTimeout);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ProcessGroup.Kill(process.Id);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        return process.ExitCode;
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Renew at half the remaining lock, at most every minute, at least every quarter second.
            var half = (_lockedUntil - DateTimeOffset.UtcNow) / 2;
            var wait = half > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : half < TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : half;
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                var renewed = await client.UpdateJobRequestAsync(agent.PoolId, sessionId, new TaskAgentJobRequest { RequestId = job.RequestId }, cancellationToken).ConfigureAwait(false);
                _lockedUntil = renewed.LockedUntil ?? _lockedUntil;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or ServerException)
            {
                Output.Error($"Renewing the job's lock failed: {e.Message}");
            }
        }
    }

    private async Task WatchForCancellationAsync(CancellationTokenSource cancel, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var message = await client.GetMessageAsync(agent.PoolId, sessionId, _lastMessageId, cancellationToken).ConfigureAwait(false);
                if (message is null)
                {
                    continue;
                }

                _lastMessageId = message.MessageId;
                await client.DeleteMessageAsync(agent.PoolId, sessionId, message.MessageId, CancellationToken.None).ConfigureAwait(false);
                if (message.MessageType == AgentMessageTypes.JobCancellation
                    && JsonSerializer.Deserialize(message.Body, AzureDevOpsJsonContext.Default.JobCancelMessage) is { } cancellation
                    && cancellation.JobId == job.JobId)
                {
                    Output.Timestamped("The job was cancelled");
                    await cancel.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or ServerException or JsonException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private async Task FinishAsync(TaskResult result)
    {
        var update = new TaskAgentJobRequest { RequestId = job.RequestId, FinishTime = DateTimeOffset.UtcNow, Result = result };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                await client.UpdateJobRequestAsync(agent.PoolId, sessionId, update, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (ServerException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
            {
                Output.Error($"Finishing the job failed: {e.Message}");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or ServerException && !deadline.IsCancellationRequested)
            {
                Output.Error($"Finishing the job failed, retrying: {e.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or ServerException)
            {
                Output.Error($"Finishing the job failed: {e.Message}");
                return;
            }
        }
    }

    private static string ToWire(TaskResult result) => JsonNamingPolicy.CamelCase.ConvertName(result.ToString());
}
