namespace AspireAgents.AgentRunner;

/// <summary>
/// The runner's exit codes: each says how far the execution got. When several things go wrong the first
/// one wins, except that a failed removal after the agent ran is always reported (it leaves an agent behind).
/// </summary>
public enum RunnerExitCode
{
    /// <summary>The agent ran its job (whatever the job's result) and was removed; or the placeholder was registered.</summary>
    Success = 0,

    /// <summary>An unexpected error; the log says what.</summary>
    UnexpectedError = 1,

    /// <summary>A setting is missing or wrong (<c>AZP_URL</c>, <c>AZP_TOKEN_FILE</c>…). Nothing was registered.</summary>
    InvalidSettings = 2,

    /// <summary>No token, or Azure DevOps refused it (the identity is not in the organisation). Nothing was registered.</summary>
    AuthenticationFailed = 3,

    /// <summary>The pool does not exist, or the identity cannot see it. Nothing was registered.</summary>
    PoolNotFound = 4,

    /// <summary>The agent could not be downloaded, verified or extracted. Nothing was registered.</summary>
    AgentPackageFailed = 5,

    /// <summary>
    /// <c>config.sh</c> failed or ran out of time: the agent is not registered, or what it registered was removed
    /// (a failed removal is reported as <see cref="AgentRemovalFailed"/>).
    /// </summary>
    AgentConfigurationFailed = 6,

    /// <summary><c>run.sh --once</c> ended with an error (the agent was removed).</summary>
    AgentFailed = 7,

    /// <summary>The agent could not be removed before the deadline: it is left in the pool, offline.</summary>
    AgentRemovalFailed = 8,

    /// <summary>
    /// The agent's user could not be given its files (the package root's, the folders it writes its own), or a
    /// process of that user could not be ended before registration. Nothing was registered.
    /// </summary>
    AgentUserSetupFailed = 9,

    /// <summary>Stopped by SIGINT; the agent was removed.</summary>
    Interrupted = 130,

    /// <summary>Stopped by SIGTERM (e.g. the replica's timeout or a scale-in); the agent was removed.</summary>
    Terminated = 143,
}
