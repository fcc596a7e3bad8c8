using AspireAgents.AzureDevOps.Auth;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// Builds the handler chain every Azure DevOps request goes through, outermost first: retries and rate limits
/// (<see cref="AzureDevOpsRetryHandler"/>), authentication (<see cref="AzureDevOpsAuthenticationHandler"/>),
/// telemetry per wire attempt (<see cref="AzureDevOpsTelemetryHandler"/>), then the transport.
/// </summary>
public static class AzureDevOpsHttpPipeline
{
    /// <summary>Creates the chain over <paramref name="innerHandler"/>.</summary>
    /// <param name="authentication">The default authentication; requests may carry their own.</param>
    /// <param name="options">Retry and timeout settings; defaults when omitted.</param>
    /// <param name="gate">The process's per-organisation rate-limit state.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="innerHandler">The transport; a new <see cref="SocketsHttpHandler"/> when omitted.</param>
    /// <returns>The outermost handler.</returns>
    public static HttpMessageHandler CreateHandler(
        AzureDevOpsAuthentication? authentication,
        AzureDevOpsHttpOptions? options,
        RateLimitGate gate,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null)
    {
        var telemetry = new AzureDevOpsTelemetryHandler(timeProvider)
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        var auth = new AzureDevOpsAuthenticationHandler(authentication) { InnerHandler = telemetry };
        return new AzureDevOpsRetryHandler(options ?? new AzureDevOpsHttpOptions(), gate, timeProvider) { InnerHandler = auth };
    }
}
