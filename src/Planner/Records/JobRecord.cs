using System.Text.Json.Serialization;

namespace AspireAgents.Planner.Records;

/// <summary>One finished job of a pool, as much of it as a replay needs.</summary>
/// <param name="RequestId">The job request's id.</param>
/// <param name="QueueTime">When the job was queued.</param>
/// <param name="AssignTime">When the service reserved an agent for it, when known.</param>
/// <param name="ReceiveTime">When an agent received it.</param>
/// <param name="FinishTime">When it finished.</param>
/// <param name="Demands">Its demands (<c>name</c> or <c>name -equals value</c>), <c>Agent.Version</c> included as listed.</param>
public sealed record JobRecord(
    long RequestId,
    DateTimeOffset QueueTime,
    DateTimeOffset? AssignTime,
    DateTimeOffset ReceiveTime,
    DateTimeOffset FinishTime,
    IReadOnlyList<string> Demands)
{
    /// <summary>How long the job ran on its agent: what a replay runs it for, whatever agent takes it.</summary>
    [JsonIgnore]
    public TimeSpan Duration => FinishTime - ReceiveTime;

    /// <summary>How long it waited for an agent in the recorded run.</summary>
    [JsonIgnore]
    public TimeSpan Wait => ReceiveTime - QueueTime;
}
