using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AspireAgents.AzureDevOps.Tests.Fakes;

/// <summary>A transport that answers from a script and records what it was sent, with the (fake) time of each request.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond, TimeProvider? timeProvider = null) : HttpMessageHandler
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private int _count;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count => Volatile.Read(ref _count);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status) { Content = new StringContent(string.Empty) };

    public static HttpResponseMessage SignInPage(HttpStatusCode status = HttpStatusCode.NonAuthoritativeInformation) =>
        new(status) { Content = new StringContent("<html><head><title>Azure DevOps Services | Sign In</title></head></html>", Encoding.UTF8, "text/html") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var index = Interlocked.Increment(ref _count);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body, _timeProvider.GetUtcNow()));
        var response = respond(request, index);
        response.RequestMessage = request;
        return response;
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body, DateTimeOffset At);
