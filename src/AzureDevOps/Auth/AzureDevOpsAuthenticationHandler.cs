using System.Net;
using AspireAgents.AzureDevOps.Http;

namespace AspireAgents.AzureDevOps.Auth;

/// <summary>
/// Adds the <c>Authorization</c> header: the request's own <see cref="AzureDevOpsRequestOptions.Authentication"/>
/// when set, else the pipeline's default. When the service refuses it (401, 203, or an HTML sign-in page) the
/// cached credential is dropped and the request is sent once more with a fresh one.
/// </summary>
public sealed class AzureDevOpsAuthenticationHandler : DelegatingHandler
{
    private readonly AzureDevOpsAuthentication? _defaultAuthentication;

    /// <summary>Creates the handler.</summary>
    /// <param name="defaultAuthentication">Used for requests that carry no authentication of their own; none sends them anonymously.</param>
    public AzureDevOpsAuthenticationHandler(AzureDevOpsAuthentication? defaultAuthentication)
    {
        _defaultAuthentication = defaultAuthentication;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authentication = request.Options.TryGetValue(AzureDevOpsRequestOptions.Authentication, out var own) ? own : _defaultAuthentication;
        if (authentication is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var header = await authentication.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = header;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!IsRefusal(response) || !authentication.Invalidate(header))
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = await authentication.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the answer means the credentials were not accepted.</summary>
    /// <param name="response">The answer.</param>
    /// <returns><see langword="true"/> for 401, 203, or an HTML body.</returns>
    internal static bool IsRefusal(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NonAuthoritativeInformation
        || IsHtml(response);

    internal static bool IsHtml(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } mediaType
        && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase);
}
