using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AspireAgents.Scaling.ContainerApps;
using Azure.Core;
using Microsoft.Extensions.Options;

namespace AspireAgents.Scaler.Observer;

/// <summary>
/// Lists a Container Apps job's executions with the observer's managed identity:
/// <c>GET {endpoint}/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App/jobs/{job}/executions?api-version=2024-03-01</c>,
/// following <c>nextLink</c> (Jobs.json, <c>JobsExecutions_List</c>, <c>x-ms-pageable</c>). The same client reads ARM in
/// Azure and the job emulation's copy of the API under <c>dotnet run</c>: only the base URL differs.
/// </summary>
/// <param name="http">The HTTP client (its handler, timeouts and telemetry come from the host).</param>
/// <param name="credential">The identity the token is asked of.</param>
/// <param name="options">The job, the endpoint and the page bound.</param>
public sealed class JobExecutionsClient(HttpClient http, TokenCredential credential, IOptions<ObserverOptions> options)
{
    private readonly ObserverOptions _options = options.Value;

    /// <summary>Every execution the API lists for the job, all pages read.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The executions, entries without a name left out.</returns>
    /// <exception cref="JobExecutionsApiException">A token could not be had, the API refused or failed, or its answer cannot be read.</exception>
    public async Task<IReadOnlyList<JobExecution>> ListAsync(CancellationToken cancellationToken)
    {
        var first = FirstPage();
        var authorization = await AuthorizeAsync(cancellationToken).ConfigureAwait(false);
        var executions = new List<JobExecution>();
        var next = first;
        for (var page = 1; next is not null; page++)
        {
            if (page > _options.MaxPages)
            {
                throw new JobExecutionsApiException(
                    $"The executions of job '{_options.JobName}' span more than {_options.MaxPages} pages ({ObserverOptions.SectionName}:{nameof(ObserverOptions.MaxPages)}); stopped reading.");
            }

            // The token goes only where the first page was asked: a nextLink elsewhere is refused, not followed.
            if (!SameOrigin(next, first))
            {
                throw new JobExecutionsApiException($"The executions API's nextLink points to {next.GetLeftPart(UriPartial.Authority)}, not {first.GetLeftPart(UriPartial.Authority)}: not followed, so the token is not sent there.");
            }

            var list = await ReadPageAsync(next, authorization, cancellationToken).ConfigureAwait(false);
            executions.AddRange((list.Value ?? []).Where(e => e is { Name.Length: > 0 }));
            next = NextLink(list.NextLink, next);
        }

        return executions;
    }

    private Uri FirstPage()
    {
        var path = ContainerAppsApi.ExecutionsPath(_options.SubscriptionId, _options.ResourceGroup, _options.JobName);
        var endpoint = _options.ManagementEndpoint.AbsoluteUri.TrimEnd('/');
        return new Uri($"{endpoint}{path}?api-version={ContainerAppsApi.ApiVersion}", UriKind.Absolute);
    }

    private async Task<AuthenticationHeaderValue> AuthorizeAsync(CancellationToken cancellationToken)
    {
        var scope = _options.ManagementResource.TrimEnd('/') + "/.default";
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
            return new AuthenticationHeaderValue("Bearer", token.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new JobExecutionsApiException($"Could not get a token for {scope} from the observer's managed identity: {ex.Message}", innerException: ex);
        }
    }

    private async Task<JobExecutionList> ReadPageAsync(Uri page, AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(ContainerAppsJsonContext.Default.JobExecutionList, cancellationToken).ConfigureAwait(false)
                ?? new JobExecutionList([]);
        }
        catch (JsonException ex)
        {
            throw new JobExecutionsApiException($"The executions of job '{_options.JobName}' are not the JSON the API documents: {ex.Message}", response.StatusCode, innerException: ex);
        }
    }

    private async Task<JobExecutionsApiException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArmError? error = null;
        try
        {
            error = (await response.Content.ReadFromJsonAsync(ContainerAppsJsonContext.Default.ArmErrorResponse, cancellationToken).ConfigureAwait(false))?.Error;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not ARM's error body (a proxy's page, say): the status alone says what happened.
        }

        var status = (int)response.StatusCode;
        var hint = status switch
        {
            401 => "the token was refused",
            403 => $"the observer's identity has no read access to the job (it needs Reader, or Microsoft.App/jobs/executions/read, on job '{_options.JobName}')",
            404 => $"no job '{_options.JobName}' in resource group '{_options.ResourceGroup}' of subscription '{_options.SubscriptionId}'",
            _ => "the API failed",
        };
        var detail = error is null ? "" : $" {error.Code}: {error.Message}";
        return new JobExecutionsApiException($"Reading the executions of job '{_options.JobName}' answered {status}: {hint}.{detail}", response.StatusCode, error?.Code);
    }

    private static Uri? NextLink(string? link, Uri current) =>
        string.IsNullOrWhiteSpace(link) ? null
        : Uri.TryCreate(current, link.Trim(), out var next) ? next
        : throw new JobExecutionsApiException($"The executions API's nextLink '{link}' is not a URL.");

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
