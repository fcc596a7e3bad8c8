namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>The query of a <c>jobrequests</c> list.</summary>
/// <param name="Top"><c>$top</c>: include finished requests, omit <c>matchedAgents</c>.</param>
/// <param name="CompletedRequestCount"><c>completedRequestCount</c>: how many finished requests to add to the unfinished ones.</param>
/// <param name="AgentId"><c>agentId</c>: only requests reserved for this agent.</param>
internal sealed record JobRequestQuery(int? Top, int? CompletedRequestCount, int? AgentId);
