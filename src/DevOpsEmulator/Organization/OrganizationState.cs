using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;
using AspireAgents.DevOpsEmulator.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>
/// The organisation's memory: pools, agents, sessions, job requests and pipeline runs. Every read and
/// change happens under one lock, so handlers see consistent snapshots (wire records), never live state.
/// Time comes from <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class OrganizationState
{
    /// <summary>The service that owns pipeline plans (Azure Pipelines).</summary>
    private static readonly Guid PipelinesServiceOwner = new("00025394-6065-48ca-87d9-7f5672854ef7");

    private static readonly IdentityRef ProjectCollectionAdministrator =
        new(new Guid("3c9b0f0a-0000-4000-8000-0000000000ad"), "Project Collection Build Service (local)");

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly EmulatorOptions _options;
    private readonly ILogger<OrganizationState> _logger;
    private readonly List<PoolRecord> _pools = [];
    private readonly List<PipelineDefinition> _pipelines = [];
    private readonly Dictionary<Guid, SessionRecord> _sessions = [];
    private readonly List<JobRecord> _jobs = [];
    private readonly Dictionary<int, RunRecord> _runs = [];
    private int _nextAgentId;
    private int _nextRunId;
    private long _nextRequestId;
    private int _onlineMax;

    public OrganizationState(IOptions<EmulatorOptions> options, TimeProvider time, ILogger<OrganizationState> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Seed();
    }

    /// <summary>The organisation name.</summary>
    public string Organization => _options.Organization;

    /// <summary>Forgets every agent, session, job and run, and starts again from configuration.</summary>
    public void Reset()
    {
        List<SessionRecord> closed;
        lock (_gate)
        {
            closed = [.. _sessions.Values];
            _pools.Clear();
            _pipelines.Clear();
            _sessions.Clear();
            _jobs.Clear();
            _runs.Clear();
            Seed();
        }

        // Long polls of the dropped sessions wake up and find their session gone.
        foreach (var session in closed)
        {
            session.Wake();
        }
    }

    private void Seed()
    {
        _nextAgentId = 1;
        _nextRunId = 1;
        _nextRequestId = 1;
        _onlineMax = 0;
        var now = _time.GetUtcNow();
        var nextPoolId = _options.Pools.Select(p => p.Id).DefaultIfEmpty(0).Max() + 1;
        foreach (var pool in _options.Pools.Where(p => !string.IsNullOrWhiteSpace(p.Name)))
        {
            var id = pool.Id > 0 ? pool.Id : nextPoolId++;
            if (_pools.All(p => p.Id != id && !p.Name.Equals(pool.Name, StringComparison.OrdinalIgnoreCase)))
            {
                _pools.Add(new PoolRecord(id, pool.Name, now));
            }
        }

        var nextPipelineId = _options.Pipelines.Select(p => p.Id).DefaultIfEmpty(0).Max() + 1;
        foreach (var pipeline in _options.Pipelines.Where(p => !string.IsNullOrWhiteSpace(p.Name)))
        {
            var id = pipeline.Id > 0 ? pipeline.Id : nextPipelineId++;
            _pipelines.Add(new PipelineDefinition(id, pipeline.Name, pipeline.Folder, pipeline.Pool, [.. pipeline.Demands], pipeline.DurationSeconds));
        }
    }

    private PoolRecord FindPool(int poolId) =>
        _pools.FirstOrDefault(p => p.Id == poolId) ?? throw ServiceErrors.PoolNotFound(poolId);

    private IEnumerable<AgentRecord> AllAgents => _pools.SelectMany(p => p.Agents);

    /// <summary>Counts for <c>/_emulator/stats</c>.</summary>
    public (int Registered, int Online, int OnlineMax, JobCounts Jobs) GetCounts()
    {
        lock (_gate)
        {
            var jobs = new JobCounts(
                Queued: _jobs.Count(j => j.IsQueued),
                Running: _jobs.Count(j => j.IsRunning),
                Succeeded: _jobs.Count(j => j.Result is TaskResult.Succeeded or TaskResult.SucceededWithIssues),
                Failed: _jobs.Count(j => j.Result is TaskResult.Failed),
                Canceled: _jobs.Count(j => j.Result is TaskResult.Canceled),
                Abandoned: _jobs.Count(j => j.Result is TaskResult.Abandoned));
            return (AllAgents.Count(), _sessions.Count, _onlineMax, jobs);
        }
    }
}

/// <summary>Job requests by state.</summary>
internal sealed record JobCounts(int Queued, int Running, int Succeeded, int Failed, int Canceled, int Abandoned);
