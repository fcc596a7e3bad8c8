namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// A message for an agent (<c>TaskAgentMessage</c>), returned by the long poll on
/// <c>pools/{poolId}/messages?sessionId=…</c>. <see cref="Body"/> is JSON whose shape depends on
/// <see cref="MessageType"/>.
/// </summary>
/// <param name="MessageId">Increases per session; the agent deletes (acknowledges) each message it handled.</param>
/// <param name="MessageType">See <see cref="AgentMessageTypes"/>.</param>
/// <param name="Body">The JSON body.</param>
public sealed record TaskAgentMessage(long MessageId, string MessageType, string Body);

/// <summary>The message types an agent acts on.</summary>
public static class AgentMessageTypes
{
    /// <summary>A job for the agent; the body is an <see cref="AgentJobRequestMessage"/>.</summary>
    public const string JobRequest = "PipelineAgentJobRequest";

    /// <summary>The running job was cancelled; the body is a <see cref="JobCancelMessage"/>.</summary>
    public const string JobCancellation = "JobCancellation";
}
