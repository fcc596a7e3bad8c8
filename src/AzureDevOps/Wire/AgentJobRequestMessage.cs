namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// The body of a <see cref="AgentMessageTypes.JobRequest"/> message: which job the agent now runs.
/// Only the fields an agent needs to run, renew and finish the job are modelled.
/// </summary>
public sealed record AgentJobRequestMessage
{
    /// <summary>Always <see cref="AgentMessageTypes.JobRequest"/>.</summary>
    public string MessageType { get; set; } = AgentMessageTypes.JobRequest;

    /// <summary>The job request the agent must renew and finish.</summary>
    public required long RequestId { get; init; }

    /// <summary>The orchestration plan the job belongs to.</summary>
    public required TaskOrchestrationPlanReference Plan { get; init; }

    /// <summary>The job's id in its plan.</summary>
    public required Guid JobId { get; init; }

    /// <summary>The job's name in its plan.</summary>
    public required string JobName { get; init; }

    /// <summary>The name shown in the run's UI.</summary>
    public string? JobDisplayName { get; init; }

    /// <summary>Until when the agent's lock holds before it must renew.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Pipeline variables for the job (name → value).</summary>
    public IReadOnlyDictionary<string, VariableValue>? Variables { get; init; }

    /// <summary>The steps to run, in order.</summary>
    public IReadOnlyList<JobStep>? Steps { get; init; }
}

/// <summary>A reference to the plan a job belongs to.</summary>
/// <param name="PlanId">The plan id.</param>
/// <param name="PlanType">The plan type, <c>Build</c> for pipelines.</param>
/// <param name="ScopeIdentifier">The project id.</param>
public sealed record TaskOrchestrationPlanReference(Guid PlanId, string PlanType, Guid ScopeIdentifier);

/// <summary>A pipeline variable's value.</summary>
/// <param name="Value">The value.</param>
/// <param name="IsSecret">Secret values are masked in logs.</param>
public sealed record VariableValue(string? Value, bool IsSecret = false);

/// <summary>One step of a job.</summary>
/// <param name="Id">The step id.</param>
/// <param name="DisplayName">The name shown in the run's UI.</param>
/// <param name="Type">The step type: <c>script</c>.</param>
/// <param name="Inputs">The step's inputs, e.g. <c>script</c>.</param>
public sealed record JobStep(Guid Id, string DisplayName, string Type, IReadOnlyDictionary<string, string> Inputs);

/// <summary>The body of a <see cref="AgentMessageTypes.JobCancellation"/> message.</summary>
/// <param name="JobId">The cancelled job.</param>
/// <param name="Timeout">How long the agent has to stop before the job is abandoned.</param>
public sealed record JobCancelMessage(Guid JobId, TimeSpan Timeout);
