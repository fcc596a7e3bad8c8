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

            var log = new StepLog();
            log.Write($"##[section]Starting: {step.DisplayName}");
            var exitCode = await RunScriptAsync(step, script, sources, log, cancellationToken).ConfigureAwait(false);
            var result = StepResult(step, exitCode, cancellationToken.IsCancellationRequested, log);
            await UploadAsync(step, log).ConfigureAwait(false);
            if (result != TaskResult.Succeeded)
            {
                return result;
            }
        }

        return TaskResult.Succeeded;
    }

    private static TaskResult StepResult(JobStep step, int exitCode, bool cancelled, StepLog log)
    {
        // A step ended by SIGTERM/SIGINT was stopped with the agent (the signal reached the whole group),
        // whichever of the two the listener noticed first.
        if (cancelled || exitCode is 128 + 15 or 128 + 2)
        {
            log.Write($"##[error]The step '{step.DisplayName}' was cancelled.");
            return TaskResult.Canceled;
        }

        // The step's exit code decides: anything but 0 fails the step, and with it the job.
        if (exitCode != 0)
        {
            log.Write($"##[error]Bash exited with code '{exitCode}'.");
        }

        log.Write($"##[section]Finishing: {step.DisplayName}");
        return exitCode == 0 ? TaskResult.Succeeded : TaskResult.Failed;
    }

    /// <summary>
    /// Uploads the step's output to a log of the job's plan, named <c>logs\{step id}</c> as the agent names a record's
    /// log (azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/JobServerQueue.cs:697). A failed upload
    /// costs the log, not the job.
    /// </summary>
    private async Task UploadAsync(JobStep step, StepLog log)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var created = await client.CreateLogAsync(job.Plan, $"logs\\{step.Id:D}", deadline.Token).ConfigureAwait(false);
            await client.AppendLogAsync(job.Plan, created.Id, log.Text, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or ServerException or OperationCanceledException or AgentException)
        {
            Output.Error($"Uploading the log of step '{step.DisplayName}' failed: {e.Message}");
        }
    }

    private async Task<int> RunScriptAsync(JobStep step, string script, string workingDirectory, StepLog log, CancellationToken cancellationToken)
    {
        // The script is a file run by /bin/bash without profile or rc files, so that what runs is the script alone.
        var temp = Path.Combine(agent.WorkFolder, "_temp");
        Directory.CreateDirectory(temp);
        var scriptFile = Path.Combine(temp, $"{step.Id:D}.sh");
        await File.WriteAllTextAsync(scriptFile, script, CancellationToken.None).ConfigureAwait(false);

        // The step stays in the listener's process group, as the agent's steps do: a signal to the agent's group
        // reaches it, and it cannot outlive the group that the runner cleans up.
        var startInfo = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("--noprofile");
        startInfo.ArgumentList.Add("--norc");
        startInfo.ArgumentList.Add(scriptFile);
        StepEnvironment.Apply(startInfo, agent, job, Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..")), workingDirectory);

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.SignalTree(process.Id, PosixSignal.SIGTERM);
            using var grace = new CancellationTokenSource(StepStopTimeout);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ProcessGroup.KillTree(process.Id);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        File.Delete(scriptFile);
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
