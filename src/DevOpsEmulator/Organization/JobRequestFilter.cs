namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>The filter the query string of a <c>jobrequests</c> list asks for.</summary>
/// <param name="Top"><c>$top</c>: include finished requests, omit <c>matchedAgents</c>.</param>
/// <param name="CompletedRequestCount"><c>completedRequestCount</c>: how many finished requests to add to the unfinished ones.</param>
/// <param name="AgentId"><c>agentId</c>: only requests reserved for this agent.</param>
internal sealed record JobRequestFilter(int? Top, int? CompletedRequestCount, int? AgentId);
