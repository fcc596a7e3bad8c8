using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.DependencyInjection;
using AspireAgents.Scaler.Caching;
using AspireAgents.Scaler.Configuration;
using AspireAgents.Scaler.Metadata;
using AspireAgents.Scaler.Standby;
using AspireAgents.Scaler.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Services;

/// <summary>
/// Answers "how many jobs wait for this trigger's agents": resolves the pool, reads the pool's job list through the
/// shared cache (one Azure DevOps call per organisation, pool, query and credential per freshness window) and counts
/// with the trigger's rules. Failures become <see cref="ScalerException"/>s with the gRPC status and the cause; a
/// failure never turns into a queue length of 0.
/// </summary>
public sealed partial class AzurePipelinesQueue : IDisposable
{
    private static readonly TimeSpan s_keepResolvedPoolsFor = TimeSpan.FromDays(1);

    private readonly IAzureDevOpsClientFactory _clients;
    private readonly ScalerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AzurePipelinesQueue> _logger;
    private readonly FinishedJobHistory _history;
    private readonly SharedCache<PoolKey, int> _pools;
    private readonly SharedCache<QueueKey, PoolJobs> _queues;

    /// <summary>Creates the service.</summary>
    /// <param name="clients">Creates Azure DevOps clients per organisation and credential.</param>
    /// <param name="options">Freshness, staleness and pool-cache settings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="history">Keeps the finished jobs each read shows, for <c>standbyAgents: auto</c>.</param>
    public AzurePipelinesQueue(IAzureDevOpsClientFactory clients, IOptions<ScalerOptions> options, TimeProvider timeProvider, ILogger<AzurePipelinesQueue> logger, FinishedJobHistory history)
    {
        _history = history;
        _clients = clients;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        var retryAfter = _options.FreshnessWindow > TimeSpan.FromSeconds(1) ? _options.FreshnessWindow : TimeSpan.FromSeconds(1);
        var maxEntries = _options.Limits.SharedCacheEntries;
        _pools = new SharedCache<PoolKey, int>(new SharedCacheSettings(_options.PoolCacheDuration, s_keepResolvedPoolsFor, retryAfter, _options.ShareRequests, maxEntries), timeProvider);
        _queues = new SharedCache<QueueKey, PoolJobs>(
            new SharedCacheSettings(_options.FreshnessWindow, _options.StalenessBound, _options.FreshnessWindow, _options.ShareRequests, maxEntries),
            timeProvider);
    }

    /// <summary>Resolves the trigger's pool id: looks a name up, or checks that an id exists (remembered for <see cref="ScalerOptions.PoolCacheDuration"/>).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The pool id.</returns>
    /// <exception cref="ScalerException">Unknown pool (<c>NotFound</c>), refused credentials, or Azure DevOps unavailable.</exception>
    public async ValueTask<int> ResolvePoolAsync(AzurePipelinesTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var key = new PoolKey(trigger.OrganizationUrl.AbsoluteUri, trigger.PoolName, trigger.PoolId, trigger.CredentialKey);
        try
        {
            var read = await _pools.GetAsync(key, (this, trigger), static (_, state, ct) => state.Item1.LookUpPoolAsync(state.trigger, ct), cancellationToken).ConfigureAwait(false);
            ScalerTelemetry.RecordCacheLookup("pool", read.Outcome);
            ScalerTelemetry.RecordPoolLookup(System.Diagnostics.Activity.Current, read.Outcome);
            return read.Value;
        }
        catch (CacheFetchFailedException ex)
        {
            throw Translate(ex, trigger, $"looking up the agent pool {trigger.PoolDescription}", poolId: null);
        }
    }

    /// <summary>Measures the trigger's queue length.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The measurement.</returns>
    /// <exception cref="ScalerException">The pool is unknown, the credentials were refused, or Azure DevOps failed beyond the staleness bound
    /// (or within it, when the last good answer counted no job).</exception>
    public async ValueTask<QueueMeasurement> MeasureAsync(AzurePipelinesTrigger trigger, CancellationToken cancellationToken)
    {
        var poolId = await ResolvePoolAsync(trigger, cancellationToken).ConfigureAwait(false);
        var key = new QueueKey(trigger.OrganizationUrl.AbsoluteUri, poolId, trigger.Query, trigger.CredentialKey);
        CacheRead<PoolJobs> read;
        try
        {
            read = await _queues.GetAsync(key, (this, trigger), static (k, state, ct) => state.Item1.ReadJobsAsync(k, state.trigger, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (CacheFetchFailedException ex)
        {
            throw Translate(ex, trigger, $"reading the job requests of pool {poolId}", poolId);
        }

        ScalerTelemetry.RecordCacheLookup("queue", read.Outcome);
        var queueLength = read.Value.Count(trigger.Rules);
        if (read.Outcome == CacheOutcome.Stale)
        {
            // A stale count keeps executions starting for jobs already seen. A stale 0 would only hide the jobs queued
            // since the last good read, and starts nothing a failed call would not: the call fails and says why.
            if (queueLength == 0)
            {
                throw Translate(read.Failure!, trigger, $"reading the job requests of pool {poolId}", poolId,
                    $" (the last good answer, {AgeInSeconds(read.FetchedAt):0} s old, counted no job: a 0 from before the failure would hide the jobs queued since)");
            }

            LogServingStale(poolId, trigger.OrganizationName, _timeProvider.GetUtcNow() - read.FetchedAt);
        }

        return new QueueMeasurement(poolId, queueLength, read.Outcome, read.FetchedAt, read.FetchedBy);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _pools.Dispose();
        _queues.Dispose();
    }

    private async Task<int> LookUpPoolAsync(AzurePipelinesTrigger trigger, CancellationToken cancellationToken)
    {
        var client = _clients.Create(trigger.OrganizationUrl, trigger.Authentication);
        if (trigger.PoolName is { } name)
        {
            var pools = await client.GetPoolsAsync(name, cancellationToken).ConfigureAwait(false);
            return pools.Count switch
            {
                1 => pools[0].Id,
                0 => throw new ScalerException(StatusCode.NotFound,
                    $"agent pool with name '{name}' not found in organization {trigger.OrganizationName}: check poolName, and that the scaler's identity ({Credential(trigger)}) can read agent pools"),
                var count => throw new ScalerException(StatusCode.InvalidArgument,
                    $"found {count} agent pools with name '{name}' in organization {trigger.OrganizationName}: use poolID instead"),
            };
        }

        var pool = await client.GetPoolAsync(trigger.PoolId, cancellationToken).ConfigureAwait(false);
        return pool?.Id ?? throw new ScalerException(StatusCode.NotFound,
            $"agent pool with id {trigger.PoolId} not found in organization {trigger.OrganizationName}: check poolID, and that the scaler's identity ({Credential(trigger)}) can read agent pools");
    }

    private async Task<PoolJobs> ReadJobsAsync(QueueKey key, AzurePipelinesTrigger trigger, CancellationToken cancellationToken)
    {
        var client = _clients.Create(trigger.OrganizationUrl, trigger.Authentication);
        var list = await client.GetJobRequestsAsync(key.PoolId, key.Query, cancellationToken).ConfigureAwait(false);
        var jobs = list.Value ?? [];
        if (trigger.Standby.Auto)
        {
            _history.Record(new HistoryKey(key.Organization, key.PoolId, key.CredentialKey), jobs);
        }

        return new PoolJobs(jobs, _options.Limits.CountsPerRead);
    }

    private ScalerException Translate(CacheFetchFailedException failure, AzurePipelinesTrigger trigger, string activity, int? poolId) =>
        Translate(failure.InnerException ?? failure, trigger, activity, poolId, failure.LastGoodAt is { } lastGood
            ? $" (the last good answer is {AgeInSeconds(lastGood):0} s old, beyond Scaler:StalenessBound of {_options.StalenessBound.TotalSeconds:0} s)"
            : string.Empty);

    /// <summary>The RPC's error for a failed read of Azure DevOps.</summary>
    /// <param name="cause">Why the read failed.</param>
    /// <param name="trigger">The trigger the read was for.</param>
    /// <param name="activity">What was being read, for the message.</param>
    /// <param name="poolId">The pool, once known.</param>
    /// <param name="staleness">What the message says of the last good answer, when there was one (with a leading space).</param>
    private ScalerException Translate(Exception cause, AzurePipelinesTrigger trigger, string activity, int? poolId, string staleness)
    {
        if (cause is ScalerException scalerException)
        {
            return new ScalerException(scalerException.StatusCode, scalerException.Message, scalerException.InnerException);
        }

        var where = $"{activity} in organization {trigger.OrganizationName}";
        var summary = cause is AzureDevOpsException adoFailure ? AzureDevOpsFailureSummary.Describe(adoFailure) : "an unexpected failure (see the scaler's log)";
        return cause switch
        {
            AzureDevOpsAuthenticationException => new ScalerException(StatusCode.Unauthenticated,
                $"Azure DevOps did not accept the scaler's credentials ({Credential(trigger)}) while {where}: {summary}", cause),
            AzureDevOpsException { Failure: AzureDevOpsFailure.AccessDenied } => new ScalerException(StatusCode.PermissionDenied,
                $"the scaler's identity ({Credential(trigger)}) may not read what it needs while {where}: {summary}", cause),
            AzureDevOpsException { Failure: AzureDevOpsFailure.NotFound } => new ScalerException(StatusCode.NotFound,
                poolId is { } id ? $"agent pool {id} not found in organization {trigger.OrganizationName}: {summary}" : $"not found while {where}: {summary}", cause),
            _ => new ScalerException(StatusCode.Unavailable, $"Azure DevOps could not be read while {where}{staleness}: {summary}", cause),
        };
    }

    private double AgeInSeconds(DateTimeOffset fetchedAt) => (_timeProvider.GetUtcNow() - fetchedAt).TotalSeconds;

    private static string Credential(AzurePipelinesTrigger trigger) =>
        trigger.Authentication is null ? "the scaler's own identity" : "the personal access token from personalAccessTokenFromEnv";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure DevOps failed; answering for pool {PoolId} in {Organization} with the job list read {Age} ago")]
    private partial void LogServingStale(int poolId, string organization, TimeSpan age);
}
