using AspireAgents.AzureDevOps.Auth;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// Per-request settings the client puts in <see cref="HttpRequestMessage.Options"/> for the handlers:
/// the route template for telemetry, an authentication that overrides the pipeline's default, and timeouts.
/// </summary>
public static class AzureDevOpsRequestOptions
{
    /// <summary>The route template, e.g. <c>_apis/distributedtask/pools/{poolId}/jobrequests</c>: a low-cardinality metric tag.</summary>
    public static readonly HttpRequestOptionsKey<string> Route = new("AspireAgents.AzureDevOps.Route");

    /// <summary>Authentication for this request instead of the pipeline's default (e.g. a per-trigger PAT).</summary>
    public static readonly HttpRequestOptionsKey<AzureDevOpsAuthentication> Authentication = new("AspireAgents.AzureDevOps.Authentication");

    /// <summary>How long one attempt may take, overriding <see cref="AzureDevOpsHttpOptions.AttemptTimeout"/> (long polls).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> AttemptTimeout = new("AspireAgents.AzureDevOps.AttemptTimeout");
}
