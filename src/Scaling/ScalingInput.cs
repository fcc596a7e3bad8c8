namespace AspireAgents.Scaling;

/// <summary>What one polling interval knows when it decides.</summary>
/// <param name="QueueLength">The metric value the scaler reported (jobs waiting for an agent).</param>
/// <param name="TargetQueueLength">The metric target (<c>targetPipelinesQueueLength</c>): jobs per execution.</param>
/// <param name="ScalerActive">What the scaler's <c>IsActive</c> answered.</param>
/// <param name="Running">Unfinished executions, pending ones included (KEDA's running job count).</param>
/// <param name="Pending">Unfinished executions whose process has not started running yet.</param>
public readonly record struct ScalingInput(double QueueLength, double TargetQueueLength, bool ScalerActive, long Running, long Pending);
