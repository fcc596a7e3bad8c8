using System.Diagnostics;
using AspireAgents.DevOpsEmulator.Organization;

namespace AspireAgents.DevOpsEmulator.Telemetry;

/// <summary>The emulator's traces: one span per step of a job's life, with <c>azp.*</c> attributes.</summary>
internal static class EmulatorTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name.</summary>
    public const string SourceName = "AspireAgents.DevOpsEmulator";

    /// <summary>The source every emulator span comes from.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Records a step (<c>queued</c>, <c>assigned</c>, <c>received</c>, <c>finished</c>) of a job.</summary>
    public static void JobStep(string step, JobRecord job)
    {
        using var activity = Source.StartActivity($"job {step}", ActivityKind.Internal);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("azp.job.step", step);
        activity.SetTag("azp.job_request.id", job.RequestId);
        activity.SetTag("azp.plan.id", job.PlanId.ToString());
        activity.SetTag("azp.pool.id", job.Pool.Id);
        activity.SetTag("azp.pool.name", job.Pool.Name);
        activity.SetTag("azp.pipeline.name", job.Run.Pipeline.Name);
        activity.SetTag("azp.run.id", job.Run.Id);
        activity.SetTag("azp.job.demands", string.Join(", ", job.Demands));
        if (job.ReservedAgent is { } agent)
        {
            activity.SetTag("azp.agent.id", agent.Id);
            activity.SetTag("azp.agent.name", agent.Name);
        }

        if (job.Result is { } result)
        {
            activity.SetTag("azp.job.result", ResultName(result));
            if (result is not (AzureDevOps.Wire.TaskResult.Succeeded or AzureDevOps.Wire.TaskResult.SucceededWithIssues))
            {
                activity.SetStatus(ActivityStatusCode.Error, job.StatusMessage);
            }
        }
    }

    /// <summary>The result as the service writes it, e.g. <c>succeeded</c>.</summary>
    public static string ResultName(AzureDevOps.Wire.TaskResult result)
    {
        var name = result.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
