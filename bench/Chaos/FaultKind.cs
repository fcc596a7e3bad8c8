namespace AspireAgents.Chaos;

/// <summary>The faults the suite injects, one per phase.</summary>
public enum FaultKind
{
    /// <summary>kill -9 of executions whose agent is running a job: the whole replica, agent included, as ACA ends one.</summary>
    KillMidJob,

    /// <summary>kill -9 of executions while <c>config.sh</c> registers their agent.</summary>
    KillMidRegistration,

    /// <summary>The Scaler stopped for the fault's time, then started again.</summary>
    ScalerRestart,

    /// <summary>Azure DevOps answers the Scaler's queue reads 429 with <c>Retry-After</c>.</summary>
    Throttled,

    /// <summary>Azure DevOps answers the Scaler's queue reads 503.</summary>
    Unavailable,

    /// <summary>Azure DevOps answers the Scaler's queue reads 203 with a sign-in page (bad credentials).</summary>
    SignInPage,

    /// <summary>Every Azure DevOps answer, agents' included, is held before it is served.</summary>
    SlowAnswers,
}
