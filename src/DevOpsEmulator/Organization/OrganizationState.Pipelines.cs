using System.Globalization;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Apis;

namespace AspireAgents.DevOpsEmulator.Organization;

internal sealed partial class OrganizationState
{
    /// <summary>The template parameters every pipeline takes.</summary>
    public const string DurationSecondsParameter = "durationSeconds";

    /// <summary>Comma-separated demands added to the pipeline's own.</summary>
    public const string DemandsParameter = "demands";

    /// <summary>A bash script: the job's one step, instead of the <c>durationSeconds</c> sleep.</summary>
    public const string ScriptParameter = "script";

    /// <summary>The most a script may hold; a bigger template parameter is a mistake, not a script.</summary>
    private const int MaxScriptLength = 64 * 1024;

    private static readonly string[] TemplateParameterNames = [DurationSecondsParameter, DemandsParameter, ScriptParameter];

    /// <summary>The project's pipelines.</summary>
    public IReadOnlyList<Pipeline> GetPipelines(string project)
    {
        lock (_gate)
        {
            RequireProject(project);
            return [.. _pipelines.OrderBy(p => p.Id).Select(PipelineToWire)];
        }
    }

    /// <summary>One pipeline.</summary>
    public Pipeline GetPipeline(string project, int pipelineId)
    {
        lock (_gate)
        {
            RequireProject(project);
            return PipelineToWire(FindPipeline(pipelineId));
        }
    }

    /// <summary>
    /// Queues a run: one job in the pipeline's pool whose one step runs the <c>script</c> template parameter, or
    /// else <c>sleep durationSeconds</c>, with the pipeline's demands plus those in the <c>demands</c> template parameter.
    /// </summary>
    public PipelineRun QueueRun(string project, int pipelineId, IReadOnlyDictionary<string, string>? templateParameters)
    {
        lock (_gate)
        {
            RequireProject(project);
            var pipeline = FindPipeline(pipelineId);
            var parameters = new Dictionary<string, string>(templateParameters ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            foreach (var name in parameters.Keys)
            {
                if (!TemplateParameterNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw ServiceErrors.UnexpectedParameter(name);
                }
            }

            var duration = pipeline.DurationSeconds;
            if (parameters.TryGetValue(DurationSecondsParameter, out var durationText)
                && (!int.TryParse(durationText, NumberStyles.Integer, CultureInfo.InvariantCulture, out duration) || duration < 0 || duration > 86_400))
            {
                throw ServiceErrors.InvalidParameter(DurationSecondsParameter, "expected a whole number of seconds from 0 to 86400.");
            }

            var script = parameters.GetValueOrDefault(ScriptParameter);
            if (script is not null && (string.IsNullOrWhiteSpace(script) || script.Length > MaxScriptLength))
            {
                throw ServiceErrors.InvalidParameter(ScriptParameter, $"expected a bash script of 1 to {MaxScriptLength} characters.");
            }

            var demands = pipeline.Demands.ToList();
            if (parameters.TryGetValue(DemandsParameter, out var demandsText))
            {
                demands.AddRange(demandsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            foreach (var demand in demands)
            {
                try
                {
                    Demand.Parse(demand);
                }
                catch (FormatException ex)
                {
                    throw ServiceErrors.InvalidParameter(DemandsParameter, ex.Message);
                }
            }

            var pool = _pools.FirstOrDefault(p => p.Name.Equals(pipeline.Pool, StringComparison.OrdinalIgnoreCase))
                ?? throw ServiceErrors.InvalidParameter("pool", $"the pipeline's pool '{pipeline.Pool}' does not exist; add it to Emulator:Pools.");

            var run = new RunRecord
            {
                Id = _nextRunId++,
                Pipeline = pipeline,
                CreatedDate = _time.GetUtcNow(),
                TemplateParameters = new Dictionary<string, string>(parameters)
                {
                    [DurationSecondsParameter] = duration.ToString(CultureInfo.InvariantCulture),
                    [DemandsParameter] = string.Join(",", demands),
                },
            };
            _runs[run.Id] = run;
            var step = script is null
                ? new JobStep(Guid.NewGuid(), $"Run for {duration} s", "script", new Dictionary<string, string>
                {
                    ["script"] = $"echo \"Hello from {pipeline.Name}, run {run.Id}\" && sleep {duration}",
                })
                : new JobStep(Guid.NewGuid(), "Script", "script", new Dictionary<string, string> { ["script"] = script });
            QueueJob(run, pool, demands, [step]);
            return RunToWire(run);
        }
    }

    /// <summary>One run of a pipeline.</summary>
    public PipelineRun GetRun(string project, int pipelineId, int runId)
    {
        lock (_gate)
        {
            RequireProject(project);
            var pipeline = FindPipeline(pipelineId);
            return _runs.TryGetValue(runId, out var run) && run.Pipeline == pipeline ? RunToWire(run) : throw ServiceErrors.RunNotFound(runId);
        }
    }

    /// <summary>The runs of a pipeline, latest first.</summary>
    public IReadOnlyList<PipelineRun> GetRuns(string project, int pipelineId)
    {
        lock (_gate)
        {
            RequireProject(project);
            var pipeline = FindPipeline(pipelineId);
            return [.. _runs.Values.Where(r => r.Pipeline == pipeline).OrderByDescending(r => r.Id).Take(_options.MaxListCount).Select(RunToWire)];
        }
    }

    private void RequireProject(string project)
    {
        if (!project.Equals(_options.Project, StringComparison.OrdinalIgnoreCase) && !project.Equals(_options.ProjectId.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceErrors.ProjectNotFound(project);
        }
    }

    private PipelineDefinition FindPipeline(int pipelineId) =>
        _pipelines.FirstOrDefault(p => p.Id == pipelineId) ?? throw ServiceErrors.PipelineNotFound(pipelineId);

    private static Pipeline PipelineToWire(PipelineDefinition pipeline) => new(pipeline.Id, pipeline.Name, pipeline.Folder, 1);

    private static PipelineRun RunToWire(RunRecord run) => new()
    {
        Id = run.Id,
        Name = run.Name,
        State = run.State,
        Result = run.Result,
        CreatedDate = run.CreatedDate,
        FinishedDate = run.FinishedDate,
        Pipeline = PipelineToWire(run.Pipeline),
        TemplateParameters = run.TemplateParameters,
    };
}
