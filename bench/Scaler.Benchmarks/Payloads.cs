using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Scaler.Benchmarks;

/// <summary>Job-request lists shaped like the service's answers: mostly finished jobs, some running, some queued, with demands and matched agents.</summary>
internal static class Payloads
{
    public static TaskAgentJobRequest[] Jobs(int count)
    {
        var queued = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var agents = new[] { "linux-template", "agent-1", "agent-2" }.Select((name, i) => new TaskAgentReference { Id = i + 1, Name = name, Version = "4.260.0", Status = TaskAgentStatus.Offline, ProvisioningState = "Provisioned" }).ToArray();
        return Enumerable.Range(1, count).Select(i =>
        {
            var job = new TaskAgentJobRequest
            {
                RequestId = i,
                QueueTime = queued.AddSeconds(i),
                Demands = (i % 3) switch { 0 => ["docker", "Agent.Version -gtVersion 3.220.0"], 1 => ["Agent.OS -equals Linux"], _ => [] },
                MatchedAgents = agents,
                MatchesAllAgentsInPool = true,
                Definition = new TaskOrchestrationOwner(7, "build-and-test"),
                Owner = new TaskOrchestrationOwner(1000 + i, $"20260101.{i}"),
                PlanType = "Build",
                PlanId = Guid.NewGuid(),
                JobId = Guid.NewGuid(),
                JobName = "__default",
                OrchestrationId = $"{Guid.NewGuid()}.job.__default",
                ScopeId = Guid.NewGuid(),
                HostId = Guid.NewGuid(),
                ServiceOwner = Guid.NewGuid(),
                PoolId = 10,
                QueueId = 10,
                Priority = 0,
                Data = new Dictionary<string, string> { ["ParallelismTag"] = "Private", ["IsScheduledKey"] = "false" },
            };
            return (i % 10) switch
            {
                < 6 => job with { AssignTime = queued, ReceiveTime = queued, FinishTime = queued.AddMinutes(5), Result = TaskResult.Succeeded, ReservedAgent = agents[1] },
                < 8 => job with { AssignTime = queued, ReceiveTime = queued, LockedUntil = queued.AddMinutes(10), ReservedAgent = agents[2] },
                _ => job,
            };
        }).ToArray();
    }

    public static byte[] Json(int count) =>
        JsonSerializer.SerializeToUtf8Bytes(ListResponse<TaskAgentJobRequest>.Of(Jobs(count)), AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest);
}
