using System.Diagnostics;
using AspireAgents.AgentRunner.DevOps;
using AspireAgents.AzureDevOps.Wire;
using Microsoft.Extensions.Logging;

namespace AspireAgents.AgentRunner.Maintenance;

/// <summary>
/// One maintenance run: token → pool → every agent listed once → the placeholder judged and, when missing or stale,
/// registered again as the placeholder job registers it → the dead agents of the agent job's executions removed. The
/// placeholder comes first: while it is missing the pool may be one removal away from empty, and an empty pool fails
/// every queued job (<see cref="AgentSweep"/> keeps the last agent then).
/// </summary>
internal sealed class MaintenanceRun(
    RunnerSettings settings,
    MaintenanceSettings maintenance,
    AgentLifecycle lifecycle,
    IAgentPoolApi api,
    ShutdownSignal shutdown,
    TimeProvider time,
    ILogger<MaintenanceRun> logger)
{
    /// <summary>Runs maintenance once and says how it ended.</summary>
    public async Task<RunnerExitCode> RunAsync(Activity? run)
    {
        run?.SetTag(RunnerTelemetry.Tags.PoolName, settings.Pool);
        run?.SetTag(RunnerTelemetry.Tags.AgentName, settings.AgentName);
        run?.SetTag(MaintenanceTelemetry.Tags.GracePeriod, maintenance.GracePeriod.TotalSeconds);
        var stop = shutdown.Token;

        TaskAgentPool pool;
        IReadOnlyList<TaskAgent> agents;
        try
        {
            (_, pool) = await lifecycle.ConnectAsync(stop).ConfigureAwait(false);
            using var list = RunnerTelemetry.StartStep("list agents");
            agents = await api.ListAgentsAsync(pool.Id, stop).ConfigureAwait(false);
        }
        catch (AgentLifecycle.StepFailedException e)
        {
            logger.StepFailed(e.Message);
            run.Fail(e.Message);
            return e.ExitCode;
        }
        catch (AgentPoolApiException e)
        {
            logger.StepFailed($"Listing the agents of pool '{settings.Pool}' failed: {e.Message}");
            run.Fail(e.Message);
            return e.IsAuthentication ? RunnerExitCode.AuthenticationFailed : RunnerExitCode.UnexpectedError;
        }

        run?.SetTag(RunnerTelemetry.Tags.PoolId, pool.Id);
        var now = time.GetUtcNow();
        logger.MaintenanceStarting(settings.Pool, pool.Id, maintenance.AgentNamePattern.ToString(), maintenance.GracePeriod, settings.AgentName);

        var (state, registered, result) = await KeepPlaceholderAsync(agents, run).ConfigureAwait(false);
        var placeholderPresent = state is not (PlaceholderState.Missing or PlaceholderState.Incomplete) || registered;

        var removed = 0;
        var kept = 0;
        foreach (var verdict in AgentSweep.Judge(agents, maintenance, settings.AgentName, now, placeholderPresent))
        {
            var outcome = verdict.Remove ? await RemoveAsync(pool.Id, verdict, stop).ConfigureAwait(false) : verdict;
            MaintenanceTelemetry.RecordVerdict(run, settings.Pool, outcome);
            if (outcome.Remove)
            {
                removed++;
            }
            else
            {
                kept++;
                logger.AgentKept(outcome.Agent.Name, outcome.Agent.Id, outcome.Reason);
            }
        }

        run?.SetTag(MaintenanceTelemetry.Tags.Removed, removed);
        run?.SetTag(MaintenanceTelemetry.Tags.Kept, kept);
        logger.MaintenanceDone(removed, kept, state, registered ? ", registered again" : "");
        return result;
    }

    /// <summary>Judges the placeholder against the newest agent of the job's executions and registers it again when needed.</summary>
    private async Task<(PlaceholderState State, bool Registered, RunnerExitCode Result)> KeepPlaceholderAsync(IReadOnlyList<TaskAgent> agents, Activity? run)
    {
        var placeholder = agents.FirstOrDefault(a => string.Equals(a.Name, settings.AgentName, StringComparison.OrdinalIgnoreCase));
        var reference = agents
            .Where(a => a != placeholder && a.Name is not null && maintenance.AgentNamePattern.IsMatch(a.Name))
            .MaxBy(a => a.CreatedOn);
        var (state, detail) = PlaceholderCheck.Judge(placeholder, reference);
        logger.PlaceholderFound(settings.AgentName, state, detail);
        if (!PlaceholderCheck.NeedsRegistration(state) || shutdown.Received is not null)
        {
            MaintenanceTelemetry.RecordPlaceholder(run, settings.Pool, state, detail, registered: false);
            return (state, false, RunnerExitCode.Success);
        }

        logger.PlaceholderRepairing(settings.AgentName, state);
        RunnerExitCode result;
        using (var register = RunnerTelemetry.StartStep("register placeholder"))
        {
            // The placeholder job's own path: config.sh --replace with this image's agent, then stop.
            result = await lifecycle.RunAsync(register).ConfigureAwait(false);
        }

        var registered = result == RunnerExitCode.Success;
        if (!registered)
        {
            logger.PlaceholderRepairFailed(settings.AgentName, result);
            run.Fail($"the placeholder could not be registered again ({result})");
        }

        MaintenanceTelemetry.RecordPlaceholder(run, settings.Pool, state, detail, registered);
        return (state, registered, result);
    }

    private async Task<AgentVerdict> RemoveAsync(int poolId, AgentVerdict verdict, CancellationToken stop)
    {
        var agent = verdict.Agent;
        if (stop.IsCancellationRequested)
        {
            return verdict with { Remove = false, Reason = AgentVerdictReason.Interrupted };
        }

        try
        {
            // Gone already (its runner removed it after all) counts as removed: the pool no longer holds it.
            await api.DeleteAgentAsync(poolId, agent.Id, stop).ConfigureAwait(false);
            logger.AgentSwept(agent.Name, agent.Id, agent.CreatedOn);
            return verdict;
        }
        catch (AgentPoolApiException e)
        {
            logger.AgentRemovalRefused(agent.Name, agent.Id, e.Message);
            return verdict with { Remove = false, Reason = AgentVerdictReason.RemovalRefused };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return verdict with { Remove = false, Reason = AgentVerdictReason.Interrupted };
        }
    }
}
