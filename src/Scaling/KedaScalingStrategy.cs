namespace AspireAgents.Scaling;

/// <summary>KEDA ScaledJob scaling strategies (<c>scalingStrategy.strategy</c>).</summary>
public enum KedaScalingStrategy
{
    /// <summary><c>default</c>: start as many executions as queued work, minus running executions.</summary>
    Default,

    /// <summary><c>custom</c>: like default, with a queue length deduction and a running-job percentage.</summary>
    Custom,

    /// <summary><c>accurate</c>: accounts for pending executions, for queues that drop work once it is taken.</summary>
    Accurate,

    /// <summary><c>eager</c>: fills every free slot up to the maximum.</summary>
    Eager,
}
