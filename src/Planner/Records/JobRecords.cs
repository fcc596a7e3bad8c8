using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Planner.Records;

/// <summary>Turns the service's job requests into job records.</summary>
public static class JobRecords
{
    /// <summary>
    /// The finished jobs an agent ran: a result, and queue, receive and finish times in order. Jobs still waiting or
    /// running, and jobs cancelled before an agent received them, have no duration to replay and are left out.
    /// </summary>
    /// <param name="requests">The job requests as listed (any order, any state).</param>
    /// <returns>The records, oldest queued first, and how many requests were left out.</returns>
    public static (IReadOnlyList<JobRecord> Jobs, int Skipped) FromRequests(IEnumerable<TaskAgentJobRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var jobs = new List<JobRecord>();
        var skipped = 0;
        foreach (var request in requests)
        {
            // 0001-01-01 is the service's "not yet", which the wire type keeps as a value.
            if (request is { Result: not null, QueueTime: { } queued, ReceiveTime: { } received, FinishTime: { } finished }
                && received != DateTimeOffset.MinValue && queued <= received && received <= finished)
            {
                jobs.Add(new JobRecord(request.RequestId, queued, request.AssignTime, received, finished, request.Demands ?? []));
            }
            else
            {
                skipped++;
            }
        }

        jobs.Sort((a, b) => a.QueueTime != b.QueueTime ? a.QueueTime.CompareTo(b.QueueTime) : a.RequestId.CompareTo(b.RequestId));
        return (jobs, skipped);
    }
}
