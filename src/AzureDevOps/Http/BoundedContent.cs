using System.Net;
using AspireAgents.AzureDevOps.Client;

namespace AspireAgents.AzureDevOps.Http;

/// <summary>
/// An answer's body that can be read only up to a limit: a declared <c>Content-Length</c> beyond it fails before
/// anything is read, and a body without one fails as soon as the limit is passed, so no answer is ever buffered
/// whole when it is too large. The failure is an <see cref="AzureDevOpsException"/> with
/// <see cref="AzureDevOpsFailure.ResponseTooLarge"/> that names the setting.
/// </summary>
internal sealed class BoundedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly long _maxBytes;
    private readonly string _what;

    /// <summary>Wraps <paramref name="inner"/>, keeping its headers.</summary>
    /// <param name="inner">The body as received.</param>
    /// <param name="maxBytes">The most bytes that may be read.</param>
    /// <param name="what">The request, for the message: <c>GET _apis/…/jobrequests</c>.</param>
    public BoundedContent(HttpContent inner, long maxBytes, string what)
    {
        _inner = inner;
        _maxBytes = maxBytes;
        _what = what;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    /// <inheritdoc />
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        if (_inner.Headers.ContentLength is { } declared && declared > _maxBytes)
        {
            throw TooLarge($"declares {declared} bytes");
        }

        var stream = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new BoundedStream(stream, _maxBytes, () => TooLarge("is longer"));
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private AzureDevOpsException TooLarge(string how) => new(
        AzureDevOpsFailure.ResponseTooLarge,
        $"Azure DevOps's answer to {_what} {how} than the {_maxBytes} bytes the client reads (AzureDevOps:Http:MaxResponseBytes); " +
        "it was not read. Raise the setting, or ask for less (a smaller jobsToFetch, or fetchUnfinishedJobsOnly).",
        statusCode: null);
}
