using System.Diagnostics;
using System.Net;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Telemetry;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// Retries 429 and 5xx answers, timeouts and connection failures within <see cref="AzureDevOpsHttpOptions.MaxRetryDuration"/>.
/// Before every attempt it waits out what the organisation asked for (<see cref="RateLimitGate"/>), but never past the
/// call's budget: a wait that would outlast it fails the call at once as <see cref="AzureDevOpsFailure.RateLimited"/>.
/// Without a <c>Retry-After</c> it backs off exponentially with jitter. POST requests are repeated only after 429 and 503,
/// which the service sends before doing any work. When the budget runs out the last answer is returned for the
/// client to report, or the last failure is thrown as an <see cref="AzureDevOpsException"/>.
/// </summary>
public sealed class AzureDevOpsRetryHandler : DelegatingHandler
{
    private readonly AzureDevOpsHttpOptions _options;
    private readonly RateLimitGate _gate;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Attempts, budget, timeouts and backoff.</param>
    /// <param name="gate">The per-organisation rate-limit state shared by the process.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    public AzureDevOpsRetryHandler(AzureDevOpsHttpOptions options, RateLimitGate gate, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        _options = options;
        _gate = gate;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var organization = RateLimitGate.OrganizationKey(request.RequestUri);
        var route = request.Options.TryGetValue(AzureDevOpsRequestOptions.Route, out var template) ? template : request.RequestUri.AbsolutePath;
        var attemptTimeout = request.Options.TryGetValue(AzureDevOpsRequestOptions.AttemptTimeout, out var own) ? own : _options.AttemptTimeout;
        var isPost = request.Method == HttpMethod.Post;
        var started = _timeProvider.GetTimestamp();

        for (var attempt = 1; ; attempt++)
        {
            // A wait the organisation asked for that outlasts this call's budget would only turn a throttle into a
            // timeout: fail now, so the caller can fall back (the scaler serves its last good answer) while it still can.
            var left = _options.MaxRetryDuration - _timeProvider.GetElapsedTime(started);
            if (await _gate.TryWaitAsync(organization, left, cancellationToken).ConfigureAwait(false) is null)
            {
                throw Throttled(request, route, organization, left);
            }

            HttpResponseMessage? response = null;
            AzureDevOpsException? failure = null;
            using (var attemptCts = new CancellationTokenSource(attemptTimeout, _timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptCts.Token))
            {
                try
                {
                    response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attemptCts.IsCancellationRequested)
                {
                    failure = new AzureDevOpsException(
                        AzureDevOpsFailure.Timeout,
                        $"Azure DevOps did not answer {request.Method} {route} within {attemptTimeout.TotalSeconds:0.###} s (attempt {attempt}).",
                        innerException: ex);
                }
                catch (HttpRequestException ex)
                {
                    failure = new AzureDevOpsException(
                        AzureDevOpsFailure.Unavailable,
                        $"Azure DevOps could not be reached for {request.Method} {route}: {ex.Message}",
                        innerException: ex);
                }
            }

            TimeSpan delay;
            if (response is not null)
            {
                _gate.Observe(organization, response, _options.MaxRateLimitDelay);
                if (!IsTransient(response.StatusCode, isPost))
                {
                    return Bounded(response, request, route);
                }

                var asked = _gate.RemainingDelay(organization);
                delay = asked > TimeSpan.Zero ? asked : Backoff(attempt);
            }
            else if (isPost)
            {
                throw failure!;
            }
            else
            {
                delay = Backoff(attempt);
            }

            if (attempt >= _options.MaxAttempts || _timeProvider.GetElapsedTime(started) + delay > _options.MaxRetryDuration)
            {
                return response is null ? throw failure! : Bounded(response, request, route);
            }

            response?.Dispose();
            AzureDevOpsTelemetry.Retries.Add(1, new TagList { { "http.route", route } });
            if (_gate.RemainingDelay(organization) <= TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether an answer is worth another attempt.</summary>
    /// <param name="status">The answer's status.</param>
    /// <param name="isPost">POSTs are repeated only when the service did no work (429, 503).</param>
    /// <returns><see langword="true"/> when the request should be repeated.</returns>
    internal static bool IsTransient(HttpStatusCode status, bool isPost) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
        HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => !isPost,
        _ => false,
    };

    private AzureDevOpsException Throttled(HttpRequestMessage request, string route, string organization, TimeSpan left)
    {
        var asked = _gate.RemainingDelay(organization);
        return new AzureDevOpsException(
            AzureDevOpsFailure.RateLimited,
            $"Azure DevOps asked callers of {organization} to wait {asked.TotalSeconds:0.###} s more (Retry-After, X-RateLimit-Delay or X-RateLimit-Reset), " +
            $"beyond the {Math.Max(0, left.TotalSeconds):0.###} s left of this call's budget (AzureDevOps:Http:MaxRetryDuration, {_options.MaxRetryDuration.TotalSeconds:0.###} s): " +
            $"{request.Method} {route} failed at once instead of waiting.",
            HttpStatusCode.TooManyRequests)
        {
            RetryAfter = asked,
        };
    }

    private HttpResponseMessage Bounded(HttpResponseMessage response, HttpRequestMessage request, string route)
    {
        response.Content = new BoundedContent(response.Content, _options.MaxResponseBytes, $"{request.Method} {route}");
        return response;
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxDelay.TotalMilliseconds));
    }
}
