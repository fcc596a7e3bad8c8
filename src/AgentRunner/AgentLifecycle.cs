using System.Diagnostics;
using System.Runtime.InteropServices;
using AspireAgents.AgentRunner.Boundary;
using AspireAgents.AgentRunner.DevOps;
using AspireAgents.AgentRunner.Packages;
using AspireAgents.AgentRunner.Processes;
using AspireAgents.AgentRunner.Tokens;
using AspireAgents.AzureDevOps.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspireAgents.AgentRunner;

/// <summary>
/// One execution: token → pool → agent installed → agent's user prepared → <c>config.sh</c> → (placeholder: stop)
/// → <c>run.sh --once</c> → the agent's user's processes ended → the agent deleted from its pool by the runner,
/// retried while the agent is busy, within the deadline. Once registration has begun, removal happens whatever
/// ends the execution, or the exit code says it did not.
/// </summary>
internal sealed class AgentLifecycle(
    RunnerSettings settings,
    RegistrationTokenProvider tokens,
    IAgentPoolApi api,
    AgentPackageInstaller installer,
    AgentProcessSupervisor supervisor,
    AgentBoundary boundary,
    ShutdownSignal shutdown,
    SecretRedactor redactor,
    IOptions<AgentRunnerOptions> options,
    TimeProvider time,
    ILogger<AgentLifecycle> logger)
{
    private static readonly TimeSpan[] JobLookupDelays = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)];

    private static readonly TaskCompletionSource<PosixSignal> NoSignal = new();

    private readonly AgentRunnerOptions _options = options.Value;

    private volatile JobObservation? _job;

    /// <summary>What is known of the job the agent ran; <see langword="null"/> until the agent runs.</summary>
    public JobObservation? Job => _job;

    /// <summary>Runs the execution and says how it ended.</summary>
    public async Task<RunnerExitCode> RunAsync(Activity? execution)
    {
        execution?.SetTag(RunnerTelemetry.Tags.AgentName, settings.AgentName);
        execution?.SetTag(RunnerTelemetry.Tags.PoolName, settings.Pool);
        execution?.SetTag(RunnerTelemetry.Tags.Placeholder, settings.Placeholder);
        execution?.SetTag(RunnerTelemetry.Tags.Credential, settings.Credential.ToString());
        logger.Starting(settings.AgentName, settings.Pool, settings.OrganizationUrl, settings.Credential.ToString(), settings.Placeholder);
        DescribeBoundary();

        RunnerExitCode outcome;
        try
        {
            outcome = await ExecuteAsync(execution).ConfigureAwait(false);
        }
        catch (Exception e) when (_registering)
        {
            // Something unforeseen after registration began: report it, but remove the agent all the same.
            logger.UnexpectedError(e);
            outcome = RunnerExitCode.UnexpectedError;
        }

        if (_registering)
        {
            await EndAgentUserProcessesAsync().ConfigureAwait(false);
            if (!settings.Placeholder && !await StepAsync("remove", () => RemoveAsync(_poolId)).ConfigureAwait(false))
            {
                return RunnerExitCode.AgentRemovalFailed;
            }
        }

        return (outcome, shutdown.Received) switch
        {
            (not RunnerExitCode.Success, _) => outcome,
            (_, PosixSignal.SIGINT) => RunnerExitCode.Interrupted,
            (_, PosixSignal.SIGTERM) => RunnerExitCode.Terminated,
            _ => outcome,
        };
    }

    /// <summary>Whether <c>config.sh</c> has started: from then on an agent may exist and must be removed.</summary>
    private bool _registering;

    private int _poolId;

    /// <summary>Everything up to the end of the job; removal follows in <see cref="RunAsync"/>.</summary>
    private async Task<RunnerExitCode> ExecuteAsync(Activity? execution)
    {
        var stop = shutdown.Token;
        try
        {
            var (token, pool) = await ConnectAsync(stop).ConfigureAwait(false);
            _poolId = pool.Id;
            execution?.SetTag(RunnerTelemetry.Tags.PoolId, pool.Id);
            await StepAsync("install", () => InstallAsync(stop)).ConfigureAwait(false);
            if (boundary.Switch is { } userSwitch)
            {
                await StepAsync("prepare", () => PrepareAgentUserAsync(userSwitch)).ConfigureAwait(false);
            }

            // A signal before registration: nothing to undo, stop here.
            stop.ThrowIfCancellationRequested();
            _registering = true;
            var configured = await StepAsync("register", () => ConfigureAsync(token)).ConfigureAwait(false);
            if (configured != 0)
            {
                return Fail(RunnerExitCode.AgentConfigurationFailed, $"config.sh failed with exit code {configured}: the agent '{settings.AgentName}' is not registered. Its output above says why.");
            }

            if (settings.Placeholder)
            {
                logger.PlaceholderRegistered(settings.AgentName, settings.Pool);
                return RunnerExitCode.Success;
            }

            // After a signal during registration the run is skipped: the agent is removed at once.
            return shutdown.Received is null
                ? await StepAsync("job", () => RunAgentAsync(pool.Id, execution)).ConfigureAwait(false)
                : RunnerExitCode.Success;
        }
        catch (StepFailedException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (OperationCanceledException) when (shutdown.Received is not null && !_registering)
        {
            // Stopped before anything was registered; the signal decides the code.
            return RunnerExitCode.Success;
        }
    }

    /// <summary>The first two steps: a token, then the pool (a maintenance run takes them too).</summary>
    /// <exception cref="StepFailedException">No token, the credential refused, or no such pool; the exit code says which.</exception>
    internal async Task<(string Token, TaskAgentPool Pool)> ConnectAsync(CancellationToken stop)
    {
        var token = await StepAsync("token", () => GetFirstTokenAsync(stop)).ConfigureAwait(false);
        var pool = await StepAsync("pool", () => FindPoolAsync(stop)).ConfigureAwait(false);
        return (token, pool);
    }

    private void DescribeBoundary()
    {
        // Program.cs made the runner non-dumpable first thing; this says whether it took (and tries again if not).
        var nonDumpable = RunnerPrivileges.IsNonDumpable || RunnerPrivileges.MakeNonDumpable();
        if (boundary.Switch is { } userSwitch)
        {
            logger.AgentUserSwitch(userSwitch.User.ToString(), nonDumpable);
            if (userSwitch.AllowPrivilegeGain)
            {
                logger.BoundaryWarning($"{EnvironmentNames.AgentSudo} is on: the agent's user '{userSwitch.User.Name}' may run anything as root through sudo, " +
                    "so any pipeline step can become root and read the runner's credentials (its environment, its memory). The boundary is given up.");
            }
        }
        else if (boundary.RunnerUid == 0)
        {
            logger.BoundaryWarning($"{EnvironmentNames.AgentUser} is not set: the agent runs as root, like the runner, and its steps can read the runner's credentials. " +
                $"The image sets {EnvironmentNames.AgentUser}=app.");
        }
        else
        {
            logger.BoundaryWarning($"The runner is not root (uid {boundary.RunnerUid}): it cannot start the agent as another user, so the agent runs as this user, " +
                "with the managed-identity variables, and its steps can reach the runner's credentials. In the image the runner starts as root and runs the agent as app.");
        }
    }

    /// <summary>
    /// Gives the agent's files their owners and ends any process of the agent's user, so that nothing of that
    /// user runs when <c>config.sh</c> gets the registration token in its environment (see docs/agent-runner.md).
    /// </summary>
    private async Task PrepareAgentUserAsync(UserSwitch userSwitch)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // A user switch is only ever set up on Linux.
        }

        try
        {
            var taken = AgentDirectoryOwnership.Prepare(settings.AgentDirectory, settings.WorkFolder, userSwitch.User);
            logger.AgentFilesPrepared(taken, settings.WorkFolder ?? Path.Combine(settings.AgentDirectory, "_work"));
            if (userSwitch.AllowPrivilegeGain)
            {
                SudoersDropIn.Write(userSwitch.User);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(RunnerExitCode.AgentUserSetupFailed,
                $"The agent's files in '{settings.AgentDirectory}' could not be given their owners for '{userSwitch.User.Name}': {e.Message}");
        }

        var left = await AgentUserSweep.KillAllAsync(userSwitch, SweepTimeout, time).ConfigureAwait(false);
        if (left.Count > 0)
        {
            throw new StepFailedException(RunnerExitCode.AgentUserSetupFailed,
                $"Processes of the agent's user '{userSwitch.User.Name}' survived SIGKILL ({string.Join(", ", left)}): they could read the registration token. " +
                $"{EnvironmentNames.AgentUser} must name a user that only the agent uses.");
        }
    }

    private static readonly TimeSpan SweepTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Ends every process of the agent's user, the job's daemons and escapees of its process group included, before
    /// the agent is removed: none outlives the execution holding the agent's key.
    /// </summary>
    private async Task EndAgentUserProcessesAsync()
    {
        if (boundary.Switch is not { } userSwitch)
        {
            return;
        }

        var before = AgentUserSweep.ProcessesOf(userSwitch.User.Uid);
        if (before.Count == 0)
        {
            return;
        }

        logger.AgentUserProcessesKilled(before.Count, string.Join(", ", before));
        var left = await AgentUserSweep.KillAllAsync(userSwitch, SweepTimeout, time).ConfigureAwait(false);
        if (left.Count > 0)
        {
            logger.StepFailed($"Processes of the agent's user survived SIGKILL: {string.Join(", ", left)}.");
        }
    }

    private async Task<string> GetFirstTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RegistrationTokenException e)
        {
            throw new StepFailedException(RunnerExitCode.AuthenticationFailed, e.Message);
        }
    }

    private RunnerExitCode Fail(RunnerExitCode code, string message)
    {
        logger.StepFailed(redactor.Redact(message));
        return code;
    }

    private static Task StepAsync(string name, Func<Task> step) =>
        StepAsync(name, async () =>
        {
            await step().ConfigureAwait(false);
            return true;
        });

    private static async Task<T> StepAsync<T>(string name, Func<Task<T>> step)
    {
        using var activity = RunnerTelemetry.StartStep(name);
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity.Fail(e.Message);
            throw;
        }
    }

    private async Task<TaskAgentPool> FindPoolAsync(CancellationToken cancellationToken)
    {
        TaskAgentPool? pool;
        try
        {
            pool = await api.FindPoolAsync(settings.Pool, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentPoolApiException e) when (e.IsAuthentication)
        {
            throw new StepFailedException(RunnerExitCode.AuthenticationFailed,
                $"{settings.OrganizationUrl} refused the {settings.Credential}: {e.Message} " +
                "Fix: add the identity to the organisation (Organization settings → Users) and make it an Administrator of the pool, " +
                $"or give {EnvironmentNames.Token} a valid token with the Agent Pools (read, manage) scope.");
        }
        catch (AgentPoolApiException e)
        {
            throw new StepFailedException(RunnerExitCode.PoolNotFound, $"Looking up pool '{settings.Pool}' in {settings.OrganizationUrl} failed: {e.Message}");
        }

        if (pool is null)
        {
            throw new StepFailedException(RunnerExitCode.PoolNotFound,
                $"Pool '{settings.Pool}' ({EnvironmentNames.Pool}) does not exist in {settings.OrganizationUrl}, or the identity cannot see it. " +
                $"Fix: set {EnvironmentNames.Pool} to an existing agent pool's name, or create the pool (Organization settings → Agent pools).");
        }

        logger.PoolFound(pool.Name, pool.Id);
        return pool;
    }

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        var directory = settings.AgentDirectory;
        if (AgentPackageInstaller.IsInstalled(directory))
        {
            logger.AgentPreInstalled(directory);
            Activity.Current?.SetTag(RunnerTelemetry.Tags.PreInstalled, true);
            return;
        }

        var platform = _options.Platform ?? AgentPackageInstaller.CurrentPlatform();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DownloadTimeout);
        try
        {
            var package = await api.FindAgentPackageAsync(platform, timeout.Token).ConfigureAwait(false)
                ?? throw new AgentPackageException($"{settings.OrganizationUrl} offers no agent package for platform '{platform}'. Fix: install the agent in the image and point {EnvironmentNames.AgentDirectory} at it.");
            Activity.Current?.SetTag(RunnerTelemetry.Tags.PackageVersion, package.Version.ToString());
            logger.InstallingAgent(package.Version.ToString(), package.Platform, package.DownloadUrl, directory);
            await installer.InstallAsync(package, directory, timeout.Token).ConfigureAwait(false);
        }
        catch (AgentPackageException e)
        {
            throw new StepFailedException(RunnerExitCode.AgentPackageFailed, e.Message);
        }
        catch (AgentPoolApiException e)
        {
            throw new StepFailedException(RunnerExitCode.AgentPackageFailed, $"Asking {settings.OrganizationUrl} for the agent package failed: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StepFailedException(RunnerExitCode.AgentPackageFailed, $"Downloading the agent package took longer than {_options.DownloadTimeout}. Fix: install the agent in the image.");
        }
    }

    private async Task<int> ConfigureAsync(string token)
    {
        var environment = new Dictionary<string, string?>
        {
            ["VSTS_AGENT_INPUT_URL"] = settings.OrganizationUrl.ToString().TrimEnd('/'),
            ["VSTS_AGENT_INPUT_POOL"] = settings.Pool,
            ["VSTS_AGENT_INPUT_AGENT"] = settings.AgentName,
            // An Entra token is accepted wherever a PAT is: the agent sends both the same way.
            ["VSTS_AGENT_INPUT_AUTH"] = "pat",
            ["VSTS_AGENT_INPUT_TOKEN"] = token,
        };
        if (settings.WorkFolder is not null)
        {
            environment["VSTS_AGENT_INPUT_WORK"] = settings.WorkFolder;
        }

        // config.sh is not interrupted by a signal: it registers in a moment, and a half-done registration is
        // worse than a whole one that the removal then undoes. A signal still bounds it: it gets half of what is
        // left before Container Apps kills the replica, the removal the other half.
        using var deadline = new ShrinkingDeadline(_options.ConfigureTimeout, shutdown, _options.ShutdownDeadline / 2, time);
        var result = await RunScriptAsync("config.sh", ["--unattended", "--replace", "--acceptTeeEula"], environment, deadline.Token, forwardSignals: false).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            Activity.Current.Fail($"config.sh exited with {result.ExitCode}");
        }

        return result.ExitCode;
    }

    private async Task<RunnerExitCode> RunAgentAsync(int poolId, Activity? execution)
    {
        var span = Activity.Current;
        span?.SetTag(RunnerTelemetry.Tags.AgentName, settings.AgentName);
        span?.SetTag(RunnerTelemetry.Tags.PoolName, settings.Pool);
        var job = _job = new JobObservation();
        using var lookup = new CancellationTokenSource();
        var jobLookup = ObserveJobAsync(poolId, job, lookup.Token);
        AgentProcessResult result;
        try
        {
            result = await RunScriptAsync("run.sh", ["--once"], new Dictionary<string, string?>(), CancellationToken.None, forwardSignals: true).ConfigureAwait(false);
        }
        finally
        {
            await lookup.CancelAsync().ConfigureAwait(false);
            await jobLookup.ConfigureAwait(false);
        }

        if (job.ReceivedJob && !job.IsComplete && shutdown.Received is null)
        {
            await CompleteJobAsync(poolId, job).ConfigureAwait(false);
        }

        job.Tag(span, execution);
        if (job.WaitTime is { } wait)
        {
            RunnerTelemetry.RecordJobWait(settings.Pool, wait);
        }

        logger.AgentEnded(result.ExitCode);
        Activity.Current?.SetTag(RunnerTelemetry.Tags.ExitCode, result.ExitCode);
        if (result.Killed)
        {
            logger.AgentKilled(_options.StopTimeout);
        }

        if (result.ExitCode == 0 || result.ForwardedSignal is not null)
        {
            return RunnerExitCode.Success;
        }

        Activity.Current.Fail($"run.sh exited with {result.ExitCode}");
        return Fail(RunnerExitCode.AgentFailed, $"run.sh --once ended with exit code {result.ExitCode} ({DescribeAgentExit(result.ExitCode)}).");
    }

    private static string DescribeAgentExit(int exitCode) => exitCode switch
    {
        1 => "terminated by an error",
        2 => "a retryable error",
        3 or 4 => "the agent was updating itself",
        > 128 => $"killed by signal {exitCode - 128}",
        _ => "see the agent's output above",
    };

    /// <summary>Learns the job request the agent took (request, run, queue and receive times), asking rarely.</summary>
    private async Task ObserveJobAsync(int poolId, JobObservation job, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var delay in JobLookupDelays)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                var agent = await api.FindAgentAsync(poolId, settings.AgentName, cancellationToken).ConfigureAwait(false);
                if (agent is null)
                {
                    continue;
                }

                job.Observe(agent);
                if (agent.AssignedRequest is { } request)
                {
                    logger.JobSeen(settings.AgentName, request.RequestId);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (AgentPoolApiException e)
        {
            logger.JobLookupFailed(e.Message);
        }
    }

    /// <summary>
    /// After a job the look-ups missed (one shorter than their first delay): one question for the agent's requests,
    /// two when the agent's id is not known yet. Bounded, so a slow service does not hold the execution.
    /// </summary>
    private async Task CompleteJobAsync(int poolId, JobObservation job)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
        try
        {
            if (job.AgentId is null)
            {
                if (await api.FindAgentAsync(poolId, settings.AgentName, timeout.Token).ConfigureAwait(false) is not { } agent)
                {
                    return;
                }

                job.Observe(agent);
            }

            var requests = await api.FindJobRequestsAsync(poolId, job.AgentId!.Value, timeout.Token).ConfigureAwait(false);
            var request = job.RequestId is { } id
                ? requests.FirstOrDefault(r => r.RequestId == id)
                : requests.OrderByDescending(r => r.RequestId).FirstOrDefault();
            if (request is not null)
            {
                job.Observe(request);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (AgentPoolApiException e)
        {
            logger.JobLookupFailed(e.Message);
        }
    }

    /// <summary>
    /// Deletes the agent from its pool with the runner's own credential, as <c>config.sh remove</c> would. The runner
    /// does it rather than the agent: removal would run as the agent's user after the job, reading files a step could
    /// have rewritten (the server URL in <c>.agent</c>, proxy and certificate settings) with a fresh token in its
    /// environment. The service refuses while it sees the job running, so it is retried until the deadline:
    /// <c>RemovalTimeout</c>, brought forward to <c>ShutdownDeadline</c> after a signal, even one that comes now.
    /// </summary>
    private async Task<bool> RemoveAsync(int poolId)
    {
        using var deadline = new ShrinkingDeadline(_options.RemovalTimeout, shutdown, _options.ShutdownDeadline, time);
        var attempt = 0;
        while (true)
        {
            attempt++;
            Activity.Current?.SetTag(RunnerTelemetry.Tags.Attempts, attempt);
            string reason;
            try
            {
                var agentId = _job?.AgentId ?? (await api.FindAgentAsync(poolId, settings.AgentName, deadline.Token).ConfigureAwait(false))?.Id;
                if (agentId is null)
                {
                    logger.NothingToRemove(settings.AgentName, settings.Pool);
                    return true;
                }

                await api.DeleteAgentAsync(poolId, agentId.Value, deadline.Token).ConfigureAwait(false);
                logger.AgentRemoved(settings.AgentName, settings.Pool);
                return true;
            }
            catch (AgentPoolApiException e)
            {
                reason = redactor.Redact(e.Message);
            }
            catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested)
            {
                reason = "the deadline passed";
            }

            var pause = _options.RemovalRetryInterval;
            if (deadline.Token.IsCancellationRequested || deadline.Left <= pause)
            {
                Activity.Current.Fail("the agent could not be removed before the deadline");
                logger.StepFailed(
                    $"The agent '{settings.AgentName}' could not be removed from pool '{settings.Pool}' within the deadline ({attempt} attempts, last: {reason}): " +
                    "it stays registered, offline. Remove it in Organization settings → Agent pools, or let the next execution with the same name replace it.");
                return false;
            }

            logger.RemovalAttemptFailed(attempt, reason, pause);
            try
            {
                await Task.Delay(pause, time, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A signal brought the deadline forward: one last attempt is not worth it, the loop reports.
            }
        }
    }

    private async Task<AgentProcessResult> RunScriptAsync(string script, string[] arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken kill, bool forwardSignals)
    {
        var command = new AgentCommand(Path.Combine(settings.AgentDirectory, script), arguments, settings.AgentDirectory, WithTraceContext(environment), boundary.Switch);
        logger.RunningScript(command.ToString());
        var stop = forwardSignals ? shutdown.WhenReceived : NoSignal.Task;
        return await supervisor.RunAsync(command, stop, _options.StopTimeout, OnOutput, kill).ConfigureAwait(false);
    }

    private static Dictionary<string, string?> WithTraceContext(IReadOnlyDictionary<string, string?> environment)
    {
        var all = new Dictionary<string, string?>(environment)
        {
            [EnvironmentNames.TraceParent] = Activity.Current?.Id,
            [EnvironmentNames.TraceState] = Activity.Current?.TraceStateString,
        };
        return all;
    }

    private void OnOutput(string line, bool isError)
    {
        line = redactor.Redact(line);
        _job?.ObserveOutput(line);
        if (isError)
        {
            logger.AgentError(line);
        }
        else
        {
            logger.AgentOutput(line);
        }
    }

    /// <summary>A step failed; <see cref="ExitCode"/> says how far the execution got.</summary>
    internal sealed class StepFailedException(RunnerExitCode exitCode, string message) : Exception(message)
    {
        public RunnerExitCode ExitCode { get; } = exitCode;
    }
}
