using AspireAgents.AzureDevOps.Wire;
using AspireAgents.DevOpsEmulator.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>Pipelines and runs: <c>{project}/_apis/pipelines[/{id}/runs[/{runId}]]</c>.</summary>
internal static class PipelinesApi
{
    public static RouteGroupBuilder MapPipelinesApi(this RouteGroupBuilder organization)
    {
        var pipelines = organization.MapGroup("/{project}/_apis/pipelines");
        pipelines.MapGet("", GetPipelines).WithName("GetPipelines");
        pipelines.MapGet("/{pipelineId:int}", GetPipeline).WithName("GetPipeline");
        pipelines.MapGet("/{pipelineId:int}/runs", GetRuns).WithName("GetPipelineRuns");
        pipelines.MapPost("/{pipelineId:int}/runs", RunPipeline).WithName("RunPipeline");
        pipelines.MapGet("/{pipelineId:int}/runs/{runId:int}", GetRun).WithName("GetPipelineRun");
        return organization;
    }

    internal static JsonHttpResult<ListResponse<Pipeline>> GetPipelines(string project, HttpRequest request, OrganizationState state) =>
        WireJson.Json(
            ListResponse<Pipeline>.Of([.. state.GetPipelines(project).Select(p => WithUrl(request, project, p))]),
            WireContext.Instance.ListResponsePipeline);

    internal static JsonHttpResult<Pipeline> GetPipeline(string project, int pipelineId, HttpRequest request, OrganizationState state) =>
        WireJson.Json(WithUrl(request, project, state.GetPipeline(project, pipelineId)), WireContext.Instance.Pipeline);

    internal static JsonHttpResult<ListResponse<PipelineRun>> GetRuns(string project, int pipelineId, HttpRequest request, OrganizationState state) =>
        WireJson.Json(
            ListResponse<PipelineRun>.Of([.. state.GetRuns(project, pipelineId).Select(r => WithUrl(request, project, r))]),
            WireContext.Instance.ListResponsePipelineRun);

    /// <summary>Queues a run; the body may carry <c>templateParameters</c> (<c>durationSeconds</c>, <c>demands</c>).</summary>
    internal static async Task<JsonHttpResult<PipelineRun>> RunPipeline(string project, int pipelineId, HttpRequest request, OrganizationState state)
    {
        var parameters = request.ContentLength == 0
            ? new RunPipelineParameters()
            : await WireJson.ReadAsync(request, WireContext.Instance.RunPipelineParameters, "runParameters");
        var run = state.QueueRun(project, pipelineId, parameters.TemplateParameters);
        return WireJson.Json(WithUrl(request, project, run), WireContext.Instance.PipelineRun);
    }

    internal static JsonHttpResult<PipelineRun> GetRun(string project, int pipelineId, int runId, HttpRequest request, OrganizationState state) =>
        WireJson.Json(WithUrl(request, project, state.GetRun(project, pipelineId, runId)), WireContext.Instance.PipelineRun);

    private static string ProjectUrl(HttpRequest request, string project) =>
        $"{request.Scheme}://{request.Host}/{request.RouteValues["org"]}/{project}/_apis/pipelines";

    private static Pipeline WithUrl(HttpRequest request, string project, Pipeline pipeline) =>
        pipeline with { Url = $"{ProjectUrl(request, project)}/{pipeline.Id}?revision={pipeline.Revision}" };

    private static PipelineRun WithUrl(HttpRequest request, string project, PipelineRun run) => run with
    {
        Url = $"{ProjectUrl(request, project)}/{run.Pipeline.Id}/runs/{run.Id}",
        Pipeline = WithUrl(request, project, run.Pipeline),
    };
}
