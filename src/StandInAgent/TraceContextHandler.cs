namespace AspireAgents.StandInAgent;

/// <summary>
/// Sends the W3C trace context the runner gives the agent's scripts (<c>TRACEPARENT</c>, <c>TRACESTATE</c>) with every
/// request, so that the service's side of the agent's calls (token, registration, session, messages, job updates,
/// removal) joins the execution's trace. Nothing in this process replaces it: the inner handler propagates nothing.
/// </summary>
internal sealed class TraceContextHandler : DelegatingHandler
{
    private readonly string? _traceParent = Environment.GetEnvironmentVariable("TRACEPARENT");
    private readonly string? _traceState = Environment.GetEnvironmentVariable("TRACESTATE");

    public TraceContextHandler()
        : base(new SocketsHttpHandler { ActivityHeadersPropagator = null })
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(_traceParent))
        {
            request.Headers.TryAddWithoutValidation("traceparent", _traceParent);
            if (!string.IsNullOrWhiteSpace(_traceState))
            {
                request.Headers.TryAddWithoutValidation("tracestate", _traceState);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
